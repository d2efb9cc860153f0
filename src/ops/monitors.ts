/**
 * Periodic checks that raise alerts: webhook processing failure rate, dead letters present, inbox lag. Also keeps
 * the inbox depth / dead-letter gauges fresh. Every process that runs a worker should run one (the failure rate
 * reads that process's counters); the inbox checks read the shared store, and alert dedupe limits the noise.
 */
import type { Logger } from '../log.ts';
import type { PaymentsConfig } from '../spec/types.ts';
import type { InboxStats, Store } from '../store/types.ts';
import type { Alerter } from './alerts/types.ts';
import { FailureRateWindow, readProcessed } from './failure-rate.ts';
import type { Metrics } from './metrics.ts';

export interface MonitorDeps {
  store: Store;
  config: PaymentsConfig;
  alerter: Alerter;
  metrics?: Metrics;
  /** Default 30 s. */
  intervalMs?: number;
  now?: () => number;
  logger?: Logger;
}

export interface Monitors {
  stop(): void;
  /** One round of checks (the timer calls it; tests call it directly). Never rejects. */
  tick(): Promise<void>;
}

export function updateInboxGauges(metrics: Metrics, stats: InboxStats): void {
  for (const status of ['pending', 'processing', 'done', 'dead'] as const)
    metrics.inboxDepth.set({ status }, stats[status]);
  metrics.deadLetters.set(stats.dead);
}

export function startMonitors(deps: MonitorDeps): Monitors {
  const { store, config, alerter, metrics, logger } = deps;
  const now = deps.now ?? Date.now;
  const rule = config.alerts.webhookFailureRate;
  const window = new FailureRateWindow(rule.windowMinutes * 60_000, 10, now());
  let running: Promise<void> | undefined;

  async function checkInbox(at: number): Promise<void> {
    const stats = await store.inbox.stats(at);
    if (metrics) updateInboxGauges(metrics, stats);
    if (stats.dead > 0) {
      alerter.alert({
        rule: 'dead_letters',
        key: 'inbox',
        severity: 'critical',
        title: `${stats.dead} webhook event(s) dead-lettered — inspect and run \`uigen-pay webhooks replay\``,
        details: { dead: stats.dead },
      });
    }
    const lagSeconds = Math.floor(stats.oldestPendingAgeMs / 1000);
    if (lagSeconds > config.alerts.inboxLagSeconds) {
      alerter.alert({
        rule: 'inbox_lag',
        key: 'inbox',
        severity: 'critical',
        title: `Webhook inbox lagging: oldest pending event is ${lagSeconds}s old (limit ${config.alerts.inboxLagSeconds}s) — is a worker running?`,
        details: { lagSeconds, pending: stats.pending, processing: stats.processing },
      });
    }
  }

  async function checkFailureRate(at: number): Promise<void> {
    if (!metrics) return;
    const r = window.push(await readProcessed(metrics, at));
    if (!r || r.rate <= rule.threshold) return;
    alerter.alert({
      rule: 'webhook_failure_rate',
      key: 'worker',
      severity: 'critical',
      title: `Webhook processing failure rate ${(r.rate * 100).toFixed(1)}% over ${rule.windowMinutes} min (limit ${(rule.threshold * 100).toFixed(0)}%)`,
      details: { failed: r.failed, attempts: r.attempts },
    });
  }

  async function tick(): Promise<void> {
    const at = now();
    for (const check of [checkInbox, checkFailureRate]) {
      try {
        await check(at);
      } catch (err) {
        logger?.error({ err, check: check.name }, 'ops monitor check failed');
      }
    }
  }

  const timer = setInterval(() => {
    // Skip a round rather than stack them when the store is slow.
    if (running) return;
    running = tick().finally(() => {
      running = undefined;
    });
  }, deps.intervalMs ?? 30_000);
  timer.unref();

  return {
    stop: () => clearInterval(timer),
    tick,
  };
}
