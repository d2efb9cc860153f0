import { describe, expect, it } from 'vitest';
import type { Alert, Alerter } from '../../src/ops/alerts/index.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { startMonitors } from '../../src/ops/monitors.ts';
import { testConfig } from './support/config.ts';
import { openOpsStore } from './support/store.ts';

function recordingAlerter(): Alerter & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return { alerts, alert: (a) => void alerts.push(a), notifyCustomer: () => {}, flush: async () => {} };
}

describe('monitors (SQLite)', () => {
  it('alerts on dead letters and inbox lag, and keeps the inbox gauges current', async () => {
    const { store } = await openOpsStore();
    const clock = { t: Date.UTC(2030, 0, 1) };
    const alerter = recordingAlerter();
    const metrics = createMetrics();
    const m = startMonitors({
      store,
      config: testConfig({ inboxLagSeconds: 120 }),
      alerter,
      metrics,
      now: () => clock.t,
      intervalMs: 3_600_000,
    });
    try {
      await store.inbox.insert({
        provider: 'stripe',
        eventId: 'evt_a',
        type: 'x',
        payload: '{}',
        receivedAt: clock.t,
      });
      await store.inbox.insert({
        provider: 'stripe',
        eventId: 'evt_b',
        type: 'x',
        payload: '{}',
        receivedAt: clock.t,
      });
      await m.tick();
      expect(alerter.alerts).toHaveLength(0);
      expect((await metrics.inboxDepth.get()).values.find((v) => v.labels.status === 'pending')?.value).toBe(
        2,
      );

      const [row] = await store.inbox.claim('w', { now: clock.t, leaseMs: 60_000, limit: 1 });
      await store.inbox.markDead(row.id, 'w', 'handler_failed', clock.t);
      clock.t += 121_000;
      await m.tick();
      expect(alerter.alerts.map((a) => a.rule).sort()).toEqual(['dead_letters', 'inbox_lag']);
      expect((await metrics.deadLetters.get()).values[0].value).toBe(1);
    } finally {
      m.stop();
    }
  });

  it('alerts when the webhook processing failure rate in the window exceeds the threshold, not below it', async () => {
    const { store } = await openOpsStore();
    const clock = { t: Date.UTC(2030, 0, 1) };
    const alerter = recordingAlerter();
    const metrics = createMetrics();
    const config = testConfig({ webhookFailureRate: { threshold: 0.1, windowMinutes: 5 } });
    const m = startMonitors({ store, config, alerter, metrics, now: () => clock.t, intervalMs: 3_600_000 });
    try {
      const processed = (outcome: string, n: number) =>
        metrics.webhooksProcessed.inc({ provider: 'stripe', kind: 'invoice.paid', outcome }, n);
      processed('done', 95);
      processed('retry', 5);
      clock.t += 60_000;
      await m.tick();
      expect(alerter.alerts).toHaveLength(0); // 5 %

      // Six minutes later the old traffic has left the window: 3 retries + 1 dead of 20 = 20 %.
      clock.t += 6 * 60_000;
      await m.tick();
      processed('done', 16);
      processed('retry', 3);
      processed('dead', 1);
      clock.t += 60_000;
      await m.tick();
      expect(alerter.alerts.map((a) => a.rule)).toEqual(['webhook_failure_rate']);
      expect(alerter.alerts[0].title).toContain('20.0%');
    } finally {
      m.stop();
    }
  });
});
