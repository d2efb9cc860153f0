/**
 * DESIGN.md § Server settings, § HTTP contract (non-checkout routes) and § Webhook processing rules, against one
 * real `uigen-pay serve` child process per file; then the ops verbs against the database it created.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Database from '../../src/store/sqlite/driver.ts';
import { freePort } from '../support/postgres.ts';
import {
  errorBody,
  hsToken,
  removeDir,
  type Running,
  runCli,
  SAAS_SPEC,
  serveEnv,
  startLong,
  stripeEvent,
  stripeSignature,
  tempDir,
} from './support.ts';

// Child processes start slowly on a loaded 2-core machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let dir: string;
let port: number;
let server: Running;
const env = serveEnv();

beforeAll(async () => {
  dir = tempDir();
  port = await freePort();
  // No DATABASE_URL, no HOST and no --port/--host: the defaults and the PORT env are what is under test.
  server = await startLong(['serve', '--spec', SAAS_SPEC], { cwd: dir, env: { ...env, PORT: String(port) } });
});
afterAll(async () => {
  await server?.stop();
  removeDir(dir);
});

const url = (path: string) => `${server.url}${path}`;
const bearer = async (sub: string) => ({ authorization: `Bearer ${await hsToken(env.UIGEN_AUTH_JWT_SECRET, sub)}` });

describe('serve settings', () => {
  it('listens on 127.0.0.1 by default, on $PORT', () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
  });

  it('DATABASE_URL defaults to sqlite:.uigen/payments.db relative to the cwd', () => {
    expect(existsSync(join(dir, '.uigen/payments.db'))).toBe(true);
  });
});

describe('HTTP contract', () => {
  it('/healthz, /readyz answer 200; /metrics is Prometheus text', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    expect((await fetch(url('/readyz'))).status).toBe(200);
    const metrics = await fetch(url('/metrics'));
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await metrics.text()).toMatch(/^# (HELP|TYPE) /m);
  });

  it('GET /api/payments/config is browser-safe: publishable key, products, pricingPage — no secret', async () => {
    const res = await fetch(url('/api/payments/config'));
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.providers[0]).toMatchObject({ provider: 'stripe', mode: 'test', currency: 'usd', publishableKey: env.STRIPE_PUBLISHABLE_KEY });
    expect(body.products.map((p: { id: string }) => p.id)).toContain('pro-monthly');
    expect(body.pricingPage).toBeTruthy();
    expect(text).not.toContain(env.STRIPE_SECRET_KEY);
    expect(text).not.toContain(env.STRIPE_WEBHOOK_SECRET);
  });

  it.each([
    ['GET', '/api/payments/me'],
    ['POST', '/api/payments/checkout'],
    ['GET', '/api/payments/checkout/cs_x'],
    ['GET', '/api/payments/subscriptions/sub_x'],
    ['POST', '/api/payments/subscriptions/sub_x/cancel'],
    ['POST', '/api/payments/portal'],
  ])('%s %s without a bearer token is 401 with the error shape', async (method, path) => {
    const res = await fetch(url(path), { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(res.status).toBe(401);
    await errorBody(res);
  });

  it('a token signed with another secret is 401', async () => {
    const token = await hsToken('not-the-configured-secret-0123456789abcdef', 'u1');
    const res = await fetch(url('/api/payments/me'), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
  });

  it('GET /api/payments/me for a new user: free plan, no subscriptions, no payment method', async () => {
    const res = await fetch(url('/api/payments/me'), { headers: await bearer('contract-user-1') });
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me).toMatchObject({ userId: 'contract-user-1', plan: 'free', subscriptions: [], paymentMethod: null });
    expect(Array.isArray(me.entitlements)).toBe(true);
  });

  it('POST /api/payments/checkout: 400 unknown product, 400 extra fields (client success URL refused)', async () => {
    const headers = { ...(await bearer('contract-user-2')), 'content-type': 'application/json' };
    const unknown = await fetch(url('/api/payments/checkout'), { method: 'POST', headers, body: JSON.stringify({ productId: 'no-such-product' }) });
    expect(unknown.status).toBe(400);
    await errorBody(unknown);
    const extra = await fetch(url('/api/payments/checkout'), {
      method: 'POST',
      headers,
      body: JSON.stringify({ productId: 'pro-monthly', successUrl: 'https://evil.example/steal' }),
    });
    expect(extra.status).toBe(400);
    await errorBody(extra);
  });

  it('a card-number-like value in a request body is rejected (400) and never logged', async () => {
    const headers = { ...(await bearer('contract-user-4')), 'content-type': 'application/json' };
    const pan = '4111111111111111';
    const res = await fetch(url('/api/payments/checkout'), { method: 'POST', headers, body: JSON.stringify({ productId: pan }) });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain(pan);
    expect(server.stderr()).not.toContain(pan);
  });

  it('an unknown subscription id is 404 on both subscription routes', async () => {
    const headers = await bearer('contract-user-3');
    const get = await fetch(url('/api/payments/subscriptions/sub_does_not_exist'), { headers });
    expect(get.status).toBe(404);
    await errorBody(get);
    const cancel = await fetch(url('/api/payments/subscriptions/sub_does_not_exist/cancel'), { method: 'POST', headers });
    expect(cancel.status).toBe(404);
    await errorBody(cancel);
  });

  it('unknown paths are 404 with the error shape', async () => {
    const res = await fetch(url('/api/payments/nope'));
    expect(res.status).toBe(404);
    expect((await errorBody(res)).code).toBeTruthy();
    const other = await fetch(url('/definitely/not/here'), { method: 'POST' });
    expect(other.status).toBe(404);
    await errorBody(other);
  });
});

describe('POST /webhooks/:provider', () => {
  const post = (body: string, headers: Record<string, string>) =>
    fetch(url('/webhooks/stripe'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('a verified event is stored and acknowledged 200 {"received":true}; a duplicate is 200 again', async () => {
    const body = stripeEvent();
    const first = await post(body, { 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, body) });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    const again = await post(body, { 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, body) });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true });
  });

  it('every verification failure is 400 with the same body (apart from requestId)', async () => {
    const body = stripeEvent();
    const now = Math.floor(Date.now() / 1000);
    const cases: Record<string, string>[] = [
      {},
      { 'stripe-signature': stripeSignature('whsec_wrong', body) },
      { 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, body, now - 301 - 60) },
      { 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, body, now + 3600) },
      { 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, body).replace('v1=', 'v0=') },
      { 'stripe-signature': 'garbage' },
      { 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, `${body} `) },
    ];
    const seen = new Set<string>();
    for (const headers of cases) {
      const res = await post(body, headers);
      expect(res.status, JSON.stringify(headers)).toBe(400);
      const e = await errorBody(res);
      seen.add(JSON.stringify({ code: e.code, message: e.message }));
    }
    expect(seen.size).toBe(1);
  });

  it('an oversized body is 413 with the error shape', async () => {
    const body = JSON.stringify({ id: 'evt_big', pad: 'x'.repeat(2 * 1024 * 1024) });
    const res = await post(body, { 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, body) });
    expect(res.status).toBe(413);
    await errorBody(res);
  });

  it('a non-JSON content type is 415 with the error shape', async () => {
    const body = stripeEvent();
    const res = await fetch(url('/webhooks/stripe'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, body) },
      body,
    });
    expect(res.status).toBe(415);
    await errorBody(res);
  });

  it('an unconfigured provider is 404', async () => {
    const res = await fetch(url('/webhooks/square'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
    await errorBody(res);
  });
});

describe('ops verbs against the database serve created (same env, same cwd)', () => {
  it.each([
    [['audit-log', 'verify']],
    [['retention', 'run', '--dry-run']],
    [['webhooks', 'replay']],
    [['db', 'migrate']],
    [['keys', 'rotate']],
    [['gdpr', 'export', 'contract-user-1']],
    [['gdpr', 'delete', 'contract-user-9', '--spec', SAAS_SPEC]],
    [['gdpr', 'delete', 'contract-user-9', '--spec', SAAS_SPEC]], // idempotent: the second run succeeds too
  ])('uigen-pay %s exits 0', async (args) => {
    const r = await runCli(args, { cwd: dir, env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(String(env.UIGEN_ENCRYPTION_KEYS).slice(3));
  });

  it('audit-log verify exits 1 once a row of the chain is altered', async () => {
    const db = new Database(join(dir, '.uigen/payments.db'));
    try {
      const row = db.prepare('select id from audit_log order by id limit 1').get() as { id: number } | undefined;
      expect(row, 'the ops verbs above wrote audit rows').toBeDefined();
      db.prepare("update audit_log set actor = 'mallory' where id = ?").run(row!.id);
    } finally {
      db.close();
    }
    const r = await runCli(['audit-log', 'verify'], { cwd: dir, env });
    expect(r.code, r.stdout + r.stderr).toBe(1);
  });
});
