import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, payInSandbox, type TestStack, startStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const post = (path: string, user: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  stack.api(path, { method: 'POST', user, body: JSON.stringify(body), headers });

function expectErrorShape(json: any, code: string) {
  expect(json.error.code).toBe(code);
  expect(typeof json.error.message).toBe('string');
  expect(json.error.requestId).toMatch(/^req_/);
}

describe('GET /api/payments/config', () => {
  test('is browser-safe and lists products and the sandbox as a checkout origin', async () => {
    const res = await stack.api('/api/payments/config');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/sk_test_|whsec_|apiKey|webhookSecret/);
    const cfg = JSON.parse(text);
    expect(cfg.products.map((p: any) => p.id)).toContain('pro-monthly');
    expect(cfg.providers[0]).toMatchObject({ provider: 'stripe', mode: 'test' });
    expect(cfg.checkoutOrigins).toContain(new URL(stack.sandboxUrl).origin);
  });
});

describe('POST /api/payments/checkout', () => {
  test('401 without a bearer token, in the contract shape', async () => {
    const res = await post('/api/payments/checkout', undefined, { productId: 'pro-monthly' });
    expect(res.status).toBe(401);
    expectErrorShape(await res.json(), 'unauthorized');
  });

  test('400 for an unknown product, extra fields, or a price from the client', async () => {
    const unknown = await post('/api/payments/checkout', 'user_c1', { productId: 'nope' });
    expect(unknown.status).toBe(400);
    expectErrorShape(await unknown.json(), 'unknown_product');
    const extra = await post('/api/payments/checkout', 'user_c1', { productId: 'pro-monthly', price: 1 });
    expect(extra.status).toBe(400);
    const redirect = await post('/api/payments/checkout', 'user_c1', { productId: 'pro-monthly', successUrl: 'https://evil.example' });
    expect(redirect.status).toBe(400);
  });

  test('a card number anywhere in the body is rejected and never logged', async () => {
    const res = await post('/api/payments/checkout', 'user_c2', { productId: 'pro-monthly', note: '4242 4242 4242 4242' });
    expect(res.status).toBe(400);
    expectErrorShape(await res.json(), 'card_data_rejected');
    expect(stack.logs.join('\n')).not.toMatch(/4242 ?4242 ?4242 ?4242/);
  });

  test('creates a hosted checkout on the provider origin; success URL comes from config', async () => {
    const res = await post('/api/payments/checkout', 'user_c3', { productId: 'pro-monthly' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(new URL(body.url).origin).toBe(new URL(stack.sandboxUrl).origin);
    expect(body.sessionId).toMatch(/^cs_/);
    // Same user + product within the window → the same provider session (one idempotency key).
    const again = await (await post('/api/payments/checkout', 'user_c3', { productId: 'pro-monthly' })).json();
    expect(again.sessionId).toBe(body.sessionId);
    // Another user gets their own.
    const other = await (await post('/api/payments/checkout', 'user_c4', { productId: 'pro-monthly' })).json();
    expect(other.sessionId).not.toBe(body.sessionId);
  });

  test('429 with Retry-After past 5 attempts a minute; a forged X-Forwarded-For does not reset it', async () => {
    // Counters use fixed one-minute windows: seven attempts straddling a minute boundary would rightly start
    // a new window, so begin early in a minute (waits at most 15 s).
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await post('/api/payments/checkout', 'user_rl', { productId: 'pro-monthly' }, { 'x-forwarded-for': `10.0.0.${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expectErrorShape(await last!.json(), 'rate_limited');
  });

  test('after paying: success status verified, plan granted, and a second checkout is 409', async () => {
    const user = 'user_paid';
    const { url, sessionId } = await (await post('/api/payments/checkout', user, { productId: 'pro-monthly' })).json();
    const before = await (await stack.api(`/api/payments/checkout/${sessionId}`, { user })).json();
    expect(before.status).toBe('open');
    const paid = await payInSandbox(url);
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toContain(`/payment/success?session_id=${sessionId}`);
    const me = await eventually(async () => {
      const m = await (await stack.api('/api/payments/me', { user })).json();
      // Events arrive in any order: the plan may be granted before checkout.completed records the card.
      return m.plan === 'pro' && m.paymentMethod ? m : undefined;
    });
    expect(me.subscriptions[0]).toMatchObject({ productId: 'pro-monthly', status: 'active', cancelAtPeriodEnd: false });
    expect(me.paymentMethod).toEqual({ brand: 'visa', last4: '4242' });
    const status = await (await stack.api(`/api/payments/checkout/${sessionId}`, { user })).json();
    expect(status).toMatchObject({ status: 'complete', productId: 'pro-monthly' });
    // Someone else cannot read that session.
    expect((await stack.api(`/api/payments/checkout/${sessionId}`, { user: 'user_other' })).status).toBe(404);
    const dup = await post('/api/payments/checkout', user, { productId: 'pro-monthly' });
    expect(dup.status).toBe(409);
    expectErrorShape(await dup.json(), 'already_subscribed');
  });

  test('a declined card leaves the user on the free plan', async () => {
    const user = 'user_declined';
    const { url } = await (await post('/api/payments/checkout', user, { productId: 'pro-monthly' })).json();
    const res = await payInSandbox(url, '4000 0000 0000 0002');
    expect(res.status).not.toBe(303);
    const me = await (await stack.api('/api/payments/me', { user })).json();
    expect(me.plan).toBe('free');
    expect(me.subscriptions).toEqual([]);
  });
});
