/**
 * DESIGN.md § HTTP contract, the routes that need a provider: checkout (200, 409, 429 + Retry-After), the
 * caller's own session, subscriptions (403 for another user's on both routes), portal, and the 402 gate —
 * against one real `uigen-pay dev` child process (the sandbox provider stands in for Stripe).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../support/postgres.ts';
import { eventually, payInSandbox } from '../support/stack.ts';
import { errorBody, hsToken, removeDir, type Running, SAAS_SPEC, startLong, tempDir } from './support.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let dir: string;
let dev: Running;
let jwtSecret: string;

beforeAll(async () => {
  dir = tempDir();
  const port = await freePort();
  dev = await startLong(['dev', '--spec', SAAS_SPEC, '--port', String(port), '--quiet'], {
    cwd: dir,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    urlPattern: /App\s+(http:\/\/\S+?)\/pricing/,
  });
  jwtSecret = JSON.parse(readFileSync(join(dir, '.uigen/dev-secrets.json'), 'utf8')).jwtSecret;
});
afterAll(async () => {
  await dev?.stop();
  removeDir(dir);
});

async function api(user: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${await hsToken(jwtSecret, user)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${dev.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

interface Me {
  userId: string;
  plan: string;
  entitlements: string[];
  subscriptions: Array<{ id: string; provider: string; productId: string; plan: string; status: string; currentPeriodEnd: unknown; cancelAtPeriodEnd: boolean }>;
  paymentMethod: { brand: string; last4: string } | null;
}

describe('a subscription bought through the public routes', () => {
  const alice = 'contract-alice';
  const bob = 'contract-bob';
  let subscriptionId: string;

  it('gate: a monetized operation answers 402 with code payment_required and redirectTo before paying', async () => {
    const res = await api(alice, 'GET', '/reports/42');
    expect(res.status).toBe(402);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'payment_required', redirectTo: '/pricing' });
    expect(typeof body.error.message).toBe('string');
  });

  it('checkout → pay → /me shows the active subscription and the plan', async () => {
    const res = await api(alice, 'POST', '/api/payments/checkout', { productId: 'pro-monthly' });
    expect(res.status).toBe(200);
    const { url, sessionId } = await res.json();
    expect(typeof url).toBe('string');
    expect(typeof sessionId).toBe('string');

    // Same user + product within a short window reuses one provider idempotency key → the same session.
    const again = await api(alice, 'POST', '/api/payments/checkout', { productId: 'pro-monthly' });
    expect(again.status).toBe(200);
    expect((await again.json()).sessionId).toBe(sessionId);

    const own = await api(alice, 'GET', `/api/payments/checkout/${encodeURIComponent(sessionId)}`);
    expect(own.status).toBe(200);
    const other = await api(bob, 'GET', `/api/payments/checkout/${encodeURIComponent(sessionId)}`);
    expect(other.status).toBe(404); // README: 404 for anyone else's session (its existence is not revealed)
    await errorBody(other);

    const paid = await payInSandbox(url);
    expect(paid.status).toBeLessThan(400);
    const me = await eventually(async () => {
      const r = (await (await api(alice, 'GET', '/api/payments/me')).json()) as Me;
      return r.plan === 'pro' && r.subscriptions.length === 1 ? r : undefined;
    }, 60_000, 250);
    expect(me.subscriptions[0]).toMatchObject({ provider: 'stripe', productId: 'pro-monthly', plan: 'pro', cancelAtPeriodEnd: false });
    expect(['active', 'trialing']).toContain(me.subscriptions[0].status);
    subscriptionId = me.subscriptions[0].id;
    // brand/last4 arrive with their own event, possibly after the subscription's.
    const card = await eventually(async () => {
      const r = (await (await api(alice, 'GET', '/api/payments/me')).json()) as Me;
      return r.paymentMethod ?? undefined;
    }, 60_000, 250);
    expect(card).toEqual({ brand: expect.any(String), last4: '4242' });
  });

  it('the gate lets the paying user through', async () => {
    const res = await api(alice, 'GET', '/reports/42');
    expect(res.status).toBe(200);
  });

  it('a second checkout for the same product is 409', async () => {
    const res = await api(alice, 'POST', '/api/payments/checkout', { productId: 'pro-monthly' });
    expect(res.status).toBe(409);
    await errorBody(res);
  });

  it('another user gets 403 on both subscription routes, and nothing changes', async () => {
    const get = await api(bob, 'GET', `/api/payments/subscriptions/${encodeURIComponent(subscriptionId)}`);
    expect(get.status).toBe(403);
    await errorBody(get);
    const cancel = await api(bob, 'POST', `/api/payments/subscriptions/${encodeURIComponent(subscriptionId)}/cancel`);
    expect(cancel.status).toBe(403);
    await errorBody(cancel);
    const me = (await (await api(alice, 'GET', '/api/payments/me')).json()) as Me;
    expect(me.subscriptions[0].cancelAtPeriodEnd).toBe(false);
  });

  it('the owner can read it, open the portal and cancel it', async () => {
    const get = await api(alice, 'GET', `/api/payments/subscriptions/${encodeURIComponent(subscriptionId)}`);
    expect(get.status).toBe(200);
    const portal = await api(alice, 'POST', '/api/payments/portal');
    expect(portal.status).toBe(200);
    expect(typeof (await portal.json()).url).toBe('string');
    const cancel = await api(alice, 'POST', `/api/payments/subscriptions/${encodeURIComponent(subscriptionId)}/cancel`);
    expect(cancel.status).toBe(200);
    await eventually(async () => {
      const me = (await (await api(alice, 'GET', '/api/payments/me')).json()) as Me;
      return me.subscriptions[0]?.cancelAtPeriodEnd === true || me.subscriptions[0]?.status === 'canceled';
    }, 60_000, 250);
  });
});

describe('checkout rate limit', () => {
  it('past 5 checkouts a minute the user gets 429 with Retry-After and the error shape', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const res = await api('contract-carol', 'POST', '/api/payments/checkout', { productId: i % 2 ? 'pro-monthly' : 'team-monthly' });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.body?.cancel();
    }
    expect(statuses.slice(0, 5).every((s) => s === 200), String(statuses)).toBe(true);
    expect(limited, String(statuses)).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorBody(limited!)).code).toBeTruthy();
  });
});
