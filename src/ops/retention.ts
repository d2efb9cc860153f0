/**
 * Data retention: payment records (default 7 years), raw webhook payloads (90 days: blanked, the row stays so a
 * late provider retry is still recognised as a duplicate), dedupe ids (at least 30 days — shorter would let a
 * retried event apply twice) and the audit log (7 years; only a whole prefix is deleted and a checkpoint keeps
 * `audit-log verify` working, see store/repos/retention-repo.ts). Each run is audited.
 */
import { ConfigError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { RetentionConfig } from '../spec/types.ts';
import type { Store } from '../store/types.ts';

export const DAY_MS = 86_400_000;
export const MIN_DEDUPE_DAYS = 30;
/** Rows per batch: short transactions, so webhooks keep flowing while a large backlog is pruned. */
const BATCH = 500;

export interface RetentionDeps {
  store: Store;
  retention: RetentionConfig;
  /** Epoch ms the ages are measured from. */
  now: number;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Audit actor (default `retention`). */
  actor?: string;
}

export interface RetentionCounts {
  payments: number;
  webhookPayloads: number;
  dedupeIds: number;
  auditLog: number;
}

export function checkRetention(r: RetentionConfig): void {
  if (!(r.dedupeDays >= MIN_DEDUPE_DAYS)) {
    throw new ConfigError(
      `retention.dedupeDays must be at least ${MIN_DEDUPE_DAYS} (got ${r.dedupeDays}): providers retry for days and a forgotten event id would be applied twice`,
    );
  }
  for (const [k, v] of Object.entries(r)) {
    if (!Number.isFinite(v) || v <= 0)
      throw new ConfigError(`retention.${k} must be a positive number of days`);
  }
}

/** Repeats a batched step until it reports fewer rows than a batch. */
async function drain(step: () => Promise<number>, onRows: (n: number) => void): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    onRows(n);
    if (n < BATCH) return total;
  }
}

export async function runRetention(deps: RetentionDeps): Promise<RetentionCounts> {
  const { store, retention: r, now, dryRun } = deps;
  checkRetention(r);
  const cutoff = (days: number) => now - days * DAY_MS;
  const c = {
    payments: cutoff(r.paymentsDays),
    payloads: cutoff(r.webhookPayloadDays),
    dedupe: cutoff(r.dedupeDays),
    audit: cutoff(r.auditLogDays),
  };

  // Counting first gives the progress bar its total and is the whole answer for --dry-run.
  const planned: RetentionCounts = {
    payments: await store.payments.deleteOlderThan(c.payments, { dryRun: true }),
    webhookPayloads: await store.retention.blankInboxPayloads(c.payloads, {
      since: c.dedupe,
      dryRun: true,
      limit: 0,
    }),
    dedupeIds: await store.retention.deleteInboxRows(c.dedupe, { dryRun: true, limit: 0 }),
    auditLog: (await store.retention.pruneAuditLog(c.audit, { dryRun: true, now })).deleted,
  };
  const total = planned.payments + planned.webhookPayloads + planned.dedupeIds + planned.auditLog;
  if (dryRun) {
    deps.onProgress?.(total, total);
    return planned;
  }

  let done = 0;
  const progress = (n: number) => {
    done = Math.min(total, done + n);
    deps.onProgress?.(done, total);
  };
  deps.onProgress?.(0, total);
  const counts: RetentionCounts = { payments: 0, webhookPayloads: 0, dedupeIds: 0, auditLog: 0 };
  counts.payments = await store.payments.deleteOlderThan(c.payments);
  progress(counts.payments);
  counts.dedupeIds = await drain(() => store.retention.deleteInboxRows(c.dedupe, { limit: BATCH }), progress);
  counts.webhookPayloads = await drain(
    () => store.retention.blankInboxPayloads(c.payloads, { since: c.dedupe, limit: BATCH }),
    progress,
  );
  counts.auditLog = (await store.retention.pruneAuditLog(c.audit, { now })).deleted;
  progress(counts.auditLog);
  // Counters of windows long gone: not retention-relevant data, but nothing else deletes them.
  await store.retention.deleteExpiredRateLimits(now - DAY_MS);
  await store.audit.append({
    actor: deps.actor ?? 'retention',
    action: 'retention.run',
    subject: 'retention',
    details: { ...counts, policyDays: { ...r } },
    at: now,
  });
  return counts;
}

export interface RetentionJobDeps extends Omit<RetentionDeps, 'now' | 'dryRun' | 'onProgress'> {
  /** Clock for each run; a fixed number is ignored (a recurring job must measure ages from each run's time). */
  now?: number | (() => number);
  logger?: Logger;
}

/**
 * Runs retention every `intervalMs` (first run after one interval). With several processes, a claim in the
 * shared rate-limit table lets exactly one of them run per interval.
 */
export function startRetentionJob(deps: RetentionJobDeps, intervalMs = DAY_MS): { stop(): void } {
  checkRetention(deps.retention);
  const clock = typeof deps.now === 'function' ? deps.now : Date.now;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const now = clock();
      const claim = await deps.store.rateLimits.hit('ops:retention-job', intervalMs, now);
      if (claim.count > 1) return;
      const counts = await runRetention({ ...deps, now });
      deps.logger?.info({ retention: counts }, 'retention run finished');
    } catch (err) {
      deps.logger?.error({ err }, 'retention run failed');
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
