import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerHealthRoutes } from '../../src/ops/health.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { generateDevKeys, openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { testConfig } from './support/config.ts';
import { openOpsStore } from './support/store.ts';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function serve(store: Store, clock = { t: Date.now() }) {
  const metrics = createMetrics();
  app = Fastify({ logger: false });
  await registerHealthRoutes(app, {
    store,
    config: testConfig({ inboxLagSeconds: 60 }),
    metrics,
    now: () => clock.t,
    checkTimeoutMs: 500,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, metrics, clock };
}

describe('health routes (SQLite)', () => {
  it('/healthz is 200 ok; /readyz is ready with every check named', async () => {
    const { store } = await openOpsStore();
    const { url } = await serve(store);
    const h = await fetch(`${url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: 'ok' });
    const r = await fetch(`${url}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', inboxLag: 'ok' },
    });
  });

  it('/readyz answers 503 naming inboxLag when the oldest pending event is older than the limit', async () => {
    const { store } = await openOpsStore();
    const { url, clock } = await serve(store);
    await store.inbox.insert({
      provider: 'stripe',
      eventId: 'evt_stuck',
      type: 'invoice.paid',
      payload: '{}',
      receivedAt: clock.t,
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    clock.t += 61_000;
    const r = await fetch(`${url}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({
      status: 'not_ready',
      failing: 'inboxLag',
      checks: { database: 'ok', migrations: 'ok', inboxLag: 'fail' },
    });
  });

  it('/readyz answers 503 naming migrations on an unmigrated database, and database when it is closed', async () => {
    const { store } = await openOpsStore();
    const fresh = await openStore({
      databaseUrl: `sqlite:${join(mkdtempSync(join(tmpdir(), 'uigen-ops-')), 'p.db')}`,
      ...generateDevKeys(),
    });
    const a = await serve(fresh);
    const r = await fetch(`${a.url}/readyz`);
    expect(r.status).toBe(503);
    expect((await r.json()).failing).toBe('migrations');
    await app?.close();

    const b = await serve(store);
    await store.close();
    const r2 = await fetch(`${b.url}/readyz`);
    expect(r2.status).toBe(503);
    const body = await r2.json();
    expect(body).toMatchObject({ failing: 'database', checks: { database: 'fail', migrations: 'skipped' } });
    // No SQL, stack or driver text leaks into the answer.
    expect(JSON.stringify(body)).not.toMatch(/sqlite|select|Error|at /i);
    await fresh.close();
  });

  it('/metrics serves the Prometheus text with the ops series and fresh inbox gauges', async () => {
    const { store } = await openOpsStore();
    const { url, metrics, clock } = await serve(store);
    await store.inbox.insert({
      provider: 'stripe',
      eventId: 'evt_1',
      type: 'invoice.paid',
      payload: '{}',
      receivedAt: clock.t,
    });
    metrics.webhooksReceived.inc({ provider: 'stripe' });
    metrics.alertsSent.inc({ rule: 'payment_failed', sink: 'slack', outcome: 'sent' });
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('uigen_webhooks_received_total{provider="stripe"} 1');
    expect(text).toContain('uigen_inbox_depth{status="pending"} 1');
    expect(text).toContain('uigen_alerts_total{rule="payment_failed",sink="slack",outcome="sent"} 1');
    expect(text).toContain('# TYPE uigen_webhook_processing_seconds histogram');
  });
});
