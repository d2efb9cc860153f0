/**
 * Liveness, readiness and Prometheus routes. /readyz answers 503 naming the failing check so a load balancer
 * stops routing to an instance whose database is gone or whose schema is behind; each check is time-bounded so
 * a hung database makes readiness fail instead of hang.
 */
import type { FastifyInstance } from 'fastify';
import type { PaymentsConfig } from '../spec/types.ts';
import type { Store } from '../store/types.ts';
import type { Metrics } from './metrics.ts';
import { updateInboxGauges } from './monitors.ts';

export interface HealthDeps {
  store: Store;
  config: PaymentsConfig;
  metrics: Metrics;
  now?: () => number;
  /** Per-check time limit, default 2 s. */
  checkTimeoutMs?: number;
}

type CheckName = 'database' | 'migrations' | 'inboxLag';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('check timed out')), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const { store, config, metrics } = deps;
  const now = deps.now ?? Date.now;
  const limit = deps.checkTimeoutMs ?? 2000;

  /** Each check resolves to true (ok) or false/throws (failing). Order matters: later checks need the database. */
  const checks: Array<[CheckName, () => Promise<boolean>]> = [
    [
      'database',
      async () => {
        await store.ping();
        return true;
      },
    ],
    ['migrations', async () => (await store.migrationStatus()).current],
    [
      'inboxLag',
      async () => {
        const stats = await store.inbox.stats(now());
        updateInboxGauges(metrics, stats);
        return stats.oldestPendingAgeMs / 1000 <= config.alerts.inboxLagSeconds;
      },
    ],
  ];

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const results: Partial<Record<CheckName, 'ok' | 'fail' | 'skipped'>> = {};
    let failing: CheckName | undefined;
    for (const [name, run] of checks) {
      if (failing) {
        results[name] = 'skipped';
        continue;
      }
      const ok = await withTimeout(run(), limit).catch(() => false);
      results[name] = ok ? 'ok' : 'fail';
      if (!ok) failing = name;
    }
    reply.header('cache-control', 'no-store');
    if (failing) return reply.code(503).send({ status: 'not_ready', failing, checks: results });
    return { status: 'ready', checks: results };
  });

  app.get('/metrics', async (_req, reply) => {
    // Fresh inbox gauges on scrape; a store hiccup must not hide the process metrics.
    await withTimeout(store.inbox.stats(now()), limit)
      .then((s) => updateInboxGauges(metrics, s))
      .catch(() => undefined);
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
