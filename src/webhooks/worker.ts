/**
 * The inbox worker: claims due rows with a lease, normalizes the stored (already verified) body, and applies it
 * in ONE transaction together with marking the row done — so a crash either leaves both undone (the lease
 * expires, another worker retries) or both done. Failures retry with backoff and dead-letter after
 * `maxAttempts` with the error code only.
 *
 * The database itself going away is not the event's fault: such a failure never dead-letters and is retried as
 * soon as the store answers again. If even recording it failed, the worker still holds the lease and hands the
 * row back on its first round after the outage instead of leaving it parked until the lease expires.
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { applyEvent, prepareEvent } from '../billing/apply.ts';
import { CustomerNotMappedError } from '../billing/attribution.ts';
import type { ApplyResult } from '../billing/types.ts';
import { PaymentsError, StoreUnavailableError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { NormalizedEvent, PaymentProvider } from '../providers/types.ts';
import type { PaymentsConfig, ProviderName } from '../spec/types.ts';
import type { InboxRow, Store } from '../store/types.ts';
import { defaultBackoff } from './backoff.ts';
import { errorCode } from './error-code.ts';
import { onInboxNudge } from './nudge.ts';
import { toVerifiedEvent } from './stored-event.ts';

export interface WorkerDeps {
  store: Store;
  providers: Map<ProviderName, PaymentProvider>;
  config: PaymentsConfig;
  logger: Logger;
  metrics?: Metrics;
  /** Lease owner id; unique per worker (default host:pid:random). */
  owner?: string;
  /** Idle poll interval (default 500 ms); inserts in this process wake the worker at once. */
  pollMs?: number;
  /** How long a claim is held before another worker may take the row (default 60 s). */
  leaseMs?: number;
  /** Attempts before a row is dead-lettered (default 8). */
  maxAttempts?: number;
  /** Delay before the next attempt after `attempt` failed. */
  backoff?: (attempt: number) => number;
  /** Rows claimed per round (default 16). */
  batchSize?: number;
  /** false = no background loop; the caller drives `runOnce` (tests, one-shot CLI). Default true. */
  autoRun?: boolean;
  now?: () => number;
  /** Ops hooks (alerts, event log), called after the transaction committed. Errors are logged, never retried. */
  onApplied?: (e: NormalizedEvent, result: ApplyResult) => void;
}

export interface Worker {
  /** Stops polling and waits for the in-flight batch to finish. */
  stop(): Promise<void>;
  /** Processes what is due now (one claim round); returns rows handled. */
  runOnce(): Promise<number>;
}

/** Thrown inside the transaction when markDone finds the lease gone: rolls the state changes back. */
class LeaseLostError extends PaymentsError {
  constructor() {
    super('lease_lost', 'inbox lease lost', 409);
  }
}

const GAUGE_EVERY_MS = 5_000;
const PERMANENT = new Set(['malformed_payload', 'payload_pruned']);

export function startWorker(deps: WorkerDeps): Worker {
  const { store, providers, config, metrics } = deps;
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const pollMs = deps.pollMs ?? 500;
  const leaseMs = deps.leaseMs ?? 60_000;
  const maxAttempts = deps.maxAttempts ?? 8;
  const backoff = deps.backoff ?? ((n: number) => defaultBackoff(n));
  const batchSize = deps.batchSize ?? 16;
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'worker', owner });

  /** Rows we still lease whose failure could not be recorded (store down): released on the next round. */
  const unreleased = new Set<number>();

  async function releaseParked(): Promise<void> {
    for (const id of unreleased) {
      // Our lease still stands unless it expired and another worker took the row (then this is a no-op).
      await store.inbox.markRetry(id, owner, 'store_unavailable', now());
      unreleased.delete(id);
    }
  }

  async function fail(row: InboxRow, err: unknown, kind: string): Promise<void> {
    const code = errorCode(err);
    if (err instanceof LeaseLostError) {
      log.warn(
        { inboxId: row.id, provider: row.provider },
        'lease lost mid-processing; another worker owns the row',
      );
      return;
    }
    const storeDown = err instanceof StoreUnavailableError;
    // A body that cannot be parsed (or was pruned) will not parse on the next try either; an outage of our own
    // database says nothing about the event, so it never dead-letters and retries without backoff.
    const dead = !storeDown && (row.attempts >= maxAttempts || PERMANENT.has(code));
    try {
      if (dead) await store.inbox.markDead(row.id, owner, code, now());
      else
        await store.inbox.markRetry(row.id, owner, code, now() + (storeDown ? pollMs : backoff(row.attempts)));
    } catch (markErr) {
      // Nothing is lost: we hold the lease, and the row is handed back on the first round that reaches the store.
      unreleased.add(row.id);
      log.error({ inboxId: row.id, code: errorCode(markErr) }, 'could not record the failure');
    }
    // Waiting for the event that maps the customer is normal out-of-order delivery, not a failure: it must not
    // feed the failure-rate alert or warn in the logs.
    const deferred = !dead && err instanceof CustomerNotMappedError;
    const outcome = dead ? 'dead' : deferred ? 'deferred' : 'retry';
    metrics?.webhooksProcessed.inc({ provider: row.provider, kind, outcome });
    const line = {
      inboxId: row.id,
      provider: row.provider,
      eventId: row.eventId,
      type: row.type,
      attempts: row.attempts,
      code,
    };
    if (dead) log.error(line, 'webhook event dead-lettered');
    else if (deferred) log.info(line, 'webhook event waits for its customer mapping; will retry');
    else log.warn(line, 'webhook event failed; will retry');
  }

  async function processRow(row: InboxRow): Promise<void> {
    const started = performance.now();
    let kind = 'unknown';
    try {
      const provider = providers.get(row.provider);
      if (!provider) throw new PaymentsError('provider_not_configured', 'provider is not configured', 500);
      const event = provider.normalize(toVerifiedEvent(row));
      kind = event.kind;
      // A handler may defer an event (its customer is not mapped yet), but never past the last attempt.
      const ctx = { config, providers, now: now(), attempt: row.attempts, maxAttempts };
      const prepared = await prepareEvent(event, ctx);
      const result = await store.transaction(async (tx) => {
        const r = await applyEvent(tx, event, { ...ctx, prepared });
        if (!(await tx.inbox.markDone(row.id, owner, now()))) throw new LeaseLostError();
        return r;
      });
      metrics?.webhooksProcessed.inc({ provider: row.provider, kind, outcome: 'done' });
      metrics?.processingDuration.observe({ provider: row.provider }, (performance.now() - started) / 1000);
      log.info(
        {
          provider: row.provider,
          eventId: row.eventId,
          kind,
          outcome: result.outcome,
          userId: result.userId,
        },
        'webhook event applied',
      );
      try {
        deps.onApplied?.(event, result);
      } catch (hookErr) {
        log.error({ code: errorCode(hookErr) }, 'onApplied hook failed');
      }
    } catch (err) {
      await fail(row, err, kind);
    }
  }

  let lastGauge = 0;
  async function updateGauges(): Promise<void> {
    if (!metrics || now() - lastGauge < GAUGE_EVERY_MS) return;
    lastGauge = now();
    const s = await store.inbox.stats(now());
    for (const status of ['pending', 'processing', 'done', 'dead'] as const)
      metrics.inboxDepth.set({ status }, s[status]);
    metrics.deadLetters.set(s.dead);
  }

  async function round(): Promise<number> {
    if (unreleased.size > 0) await releaseParked();
    const rows = await store.inbox.claim(owner, { now: now(), leaseMs, limit: batchSize });
    // In claim order, one at a time: SQLite has one writer anyway, and order keeps snapshots cheap to apply.
    for (const row of rows) await processRow(row);
    await updateGauges().catch(() => {});
    return rows.length;
  }

  // Rounds never overlap: runOnce from a test/CLI queues behind the background loop's round.
  let chain: Promise<unknown> = Promise.resolve();
  function runOnce(): Promise<number> {
    const next = chain.then(round);
    chain = next.catch(() => {});
    return next;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeRequested = false;
  let looping = false;

  async function loop(): Promise<void> {
    if (looping || stopped) return;
    looping = true;
    clearTimeout(timer);
    let handled = 0;
    try {
      do {
        wakeRequested = false;
        handled = await runOnce();
      } while (!stopped && (handled === batchSize || wakeRequested));
    } catch (err) {
      log.error({ code: errorCode(err) }, 'inbox claim failed; retrying after the poll interval');
    } finally {
      looping = false;
      if (!stopped) timer = setTimeout(() => void loop(), pollMs);
    }
  }

  const wake = () => {
    wakeRequested = true;
    void loop();
  };

  const autoRun = deps.autoRun ?? true;
  const unsubscribe = autoRun ? onInboxNudge(store, wake) : () => {};
  if (autoRun) void loop();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      await chain;
    },
  };
}
