/** Builds the SandboxContext the provider emulators share: clock, delivery queue, cards, failure switches. */
import type { Logger } from '../log.ts';
import { cardOutcome } from './cards.ts';
import { createClock } from './clock.ts';
import { createDeliveryQueue, type DeliveryRecord, type RetryPolicy } from './delivery.ts';
import type { FailureInjection, SandboxContext } from './types.ts';

/** The context plus what only the sandbox's own control routes and tests need. */
export interface SandboxCore extends SandboxContext {
  deliveries(): DeliveryRecord[];
  /** Resolves when every queued webhook has been delivered or given up on. */
  idle(): Promise<void>;
  setBaseUrl(url: string): void;
  close(): void;
}

export interface CoreOptions {
  failures?: Partial<FailureInjection>;
  retry?: Partial<RetryPolicy>;
  /** Randomness for duplicate/reorder injection (tests pass a deterministic one). */
  random?: () => number;
  logger: Logger;
}

export function normalizeFailures(f: Partial<FailureInjection> = {}): FailureInjection {
  const rate = Number(f.duplicateRate ?? 0);
  const delay = Number(f.delayMs ?? 0);
  return {
    duplicateRate: Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0,
    reorder: f.reorder === true,
    delayMs: Number.isFinite(delay) ? Math.min(60_000, Math.max(0, Math.floor(delay))) : 0,
  };
}

export function createSandboxCore(opts: CoreOptions): SandboxCore {
  // One mutable object: the control route changes switches in place and the queue sees them at once.
  const failures = normalizeFailures(opts.failures);
  const clock = createClock();
  const queue = createDeliveryQueue({
    failures,
    retry: opts.retry,
    random: opts.random,
    logger: opts.logger,
  });
  let base = '';
  return {
    clock,
    failures,
    baseUrl: () => base,
    setBaseUrl: (url) => {
      base = url;
    },
    deliver: (d) => queue.enqueue(d),
    cardOutcome,
    onAdvance: (fn) => clock.onAdvance(fn),
    deliveries: () => queue.list(),
    idle: () => queue.idle(),
    close: () => queue.close(),
  };
}
