/**
 * The billing core's contract: one handler per normalized event kind, each deciding and writing state through
 * the transaction's repositories. Adapters never get here with anything but a verified, normalized event.
 */
import type {
  CheckoutStatus,
  NormalizedEvent,
  NormalizedKind,
  PaymentProvider,
  SubscriptionSnapshot,
} from '../providers/types.ts';
import type { PaymentsConfig, ProviderName } from '../spec/types.ts';
import type { Repos } from '../store/types.ts';

export type ApplyOutcome = 'applied' | 'stale' | 'ignored' | 'unknown_customer' | 'erased';

/** What applying one event did. `kind` is the normalized kind (bounded: safe as a metric label). */
export interface ApplyResult {
  outcome: ApplyOutcome;
  userId?: string;
  kind: string;
}

/**
 * Provider reads a handler needs, done *before* the transaction opens so a slow provider API never holds the
 * SQLite write lock. Handlers re-read objects (pay-rails style) instead of trusting an old payload.
 */
export interface PreparedEvent {
  subscription?: SubscriptionSnapshot;
  /** The checkout after the worker captured it (PayPal approved orders): paid or not, by which payment. */
  checkout?: CheckoutStatus;
}

export interface ApplyContext {
  config: PaymentsConfig;
  providers: Map<ProviderName, PaymentProvider>;
  /** Epoch ms. */
  now: number;
  /** Result of `prepareEvent`; when absent `applyEvent` prepares itself (inside the caller's transaction). */
  prepared?: PreparedEvent;
  /**
   * The worker's attempt at this event (1-based) and how many it makes before dead-lettering. A handler may
   * defer (throw a retryable error) only while `attempt < maxAttempts`; without them (a one-shot apply)
   * nothing is deferred.
   */
  attempt?: number;
  maxAttempts?: number;
}

export type EventOfKind<K extends NormalizedKind> = Extract<NormalizedEvent, { kind: K }>;

/** A handler's verdict; `details` go to the audit row and must hold no secret (ids masked, amounts ok). */
export interface HandlerResult {
  outcome: ApplyOutcome;
  userId?: string;
  /** Provider customer id, masked into the audit subject when no user is known. */
  customerId?: string;
  details?: Record<string, unknown>;
}

/** One small handler per event kind. */
export interface EventHandler<K extends NormalizedKind = NormalizedKind> {
  /** Provider reads outside the transaction; throw to have the event retried. */
  prepare?(event: EventOfKind<K>, ctx: ApplyContext): Promise<PreparedEvent>;
  apply(
    tx: Repos,
    event: EventOfKind<K>,
    ctx: ApplyContext & { prepared: PreparedEvent },
  ): Promise<HandlerResult>;
}
