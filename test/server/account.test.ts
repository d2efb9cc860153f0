import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, payInSandbox, type TestStack, startStack } from '../support/stack.ts';

let stack: TestStack;
let subA: string;
const A = 'user_owner_a';
const B = 'user_intruder_b';

beforeAll(async () => {
  stack = await startStack();
  const res = await stack.api('/api/payments/checkout', { method: 'POST', user: A, body: JSON.stringify({ productId: 'team-monthly' }) });
  const { url } = await res.json();
  await payInSandbox(url);
  const me = await eventually(async () => {
    const m = await (await stack.api('/api/payments/me', { user: A })).json();
    return m.subscriptions.length ? m : undefined;
  });
  subA = me.subscriptions[0].id;
});
afterAll(async () => {
  await stack?.stop();
});

describe('access control (IDOR matrix)', () => {
  test('the owner can read the subscription', async () => {
    const res = await stack.api(`/api/payments/subscriptions/${subA}`, { user: A });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: subA, plan: 'team', status: 'active' });
  });

  test.each([
    ['GET', () => `/api/payments/subscriptions/${subA}`],
    ['POST', () => `/api/payments/subscriptions/${subA}/cancel`],
  ])('user B on user A’s subscription: %s → 403 with none of A’s data', async (method, path) => {
    const res = await stack.api(path(), { method, user: B });
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe('forbidden');
    expect(text).not.toContain('team');
    expect(text).not.toContain(A);
    // And nothing changed for A.
    const own = await (await stack.api(`/api/payments/subscriptions/${subA}`, { user: A })).json();
    expect(own.cancelAtPeriodEnd).toBe(false);
  });

  test('B’s /me and portal show only B’s (empty) billing', async () => {
    const me = await (await stack.api('/api/payments/me', { user: B })).json();
    expect(me).toMatchObject({ userId: B, plan: 'free', subscriptions: [], paymentMethod: null });
    const portal = await stack.api('/api/payments/portal', { method: 'POST', user: B });
    expect(portal.status).toBe(400);
  });

  test('an unknown subscription id is 404, a malformed one too', async () => {
    expect((await stack.api('/api/payments/subscriptions/sub_does_not_exist', { user: A })).status).toBe(404);
    expect((await stack.api('/api/payments/subscriptions/..%2F..%2Fetc', { user: A })).status).toBe(404);
  });
});

describe('portal and cancel', () => {
  test('the portal URL for the owner is on the provider (sandbox) origin', async () => {
    const res = await stack.api('/api/payments/portal', { method: 'POST', user: A });
    expect(res.status).toBe(200);
    const { url } = await res.json();
    expect(new URL(url).origin).toBe(new URL(stack.sandboxUrl).origin);
  });

  test('cancel sets cancel-at-period-end; the plan stays until the period ends', async () => {
    const res = await stack.api(`/api/payments/subscriptions/${subA}/cancel`, { method: 'POST', user: A });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: subA, cancelAtPeriodEnd: true });
    const me = await (await stack.api('/api/payments/me', { user: A })).json();
    expect(me.plan).toBe('team');
    // The provider's webhook for the same change arrives later and must not undo it.
    await new Promise((r) => setTimeout(r, 500));
    const again = await (await stack.api(`/api/payments/subscriptions/${subA}`, { user: A })).json();
    expect(again.cancelAtPeriodEnd).toBe(true);
  });
});
