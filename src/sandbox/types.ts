/**
 * The sandbox provider: a local emulator speaking each provider's wire format so the official SDKs talk to it
 * unchanged (via UIGEN_*_API_BASE, test mode only). Each provider's emulator is a Fastify plugin in
 * sandbox/<provider>/ that receives this context.
 */
export type CardOutcome = 'success' | 'decline' | 'fail_on_renewal' | 'invalid';

export interface SandboxClock {
  /** Epoch ms, real time plus whatever was advanced. */
  now(): number;
  /** Moves time forward and runs what became due (renewals, period-end cancellations). */
  advance(ms: number): Promise<void>;
}

export interface WebhookDelivery {
  /** Provider-signed request to deliver to the app; retried with backoff on non-2xx. */
  provider: 'stripe' | 'paypal' | 'square';
  eventId: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  /**
   * Signs `body` afresh for each attempt (e.g. Stripe's `t=` must be recent, so a retry an hour later needs a
   * new header). Its headers are merged over `headers`. Optional: PayPal/Square may sign once.
   */
  sign?: (body: string) => Record<string, string>;
  /** Provider event type, for the delivery list (`/_sandbox/deliveries`). */
  type?: string;
}

export interface FailureInjection {
  /** 0..1: chance each event is delivered twice. */
  duplicateRate: number;
  /** Deliver events in shuffled order within a small batch. */
  reorder: boolean;
  /** Extra delay before each delivery, ms. */
  delayMs: number;
}

export interface SandboxContext {
  clock: SandboxClock;
  /** Public base URL of the sandbox (hosted checkout pages live under it). */
  baseUrl(): string;
  /** Queue a signed delivery. */
  deliver(d: WebhookDelivery): void;
  /** Test card → outcome. Card digits are never stored or logged. */
  cardOutcome(cardNumber: string): CardOutcome;
  /** Hooks run on `clock.advance` (each provider registers its renewal logic). */
  onAdvance(fn: (now: number) => Promise<void>): void;
  failures: FailureInjection;
}
