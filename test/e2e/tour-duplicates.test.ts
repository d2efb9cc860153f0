/**
 * The newcomer's tour with a hostile provider: the sandbox delivers half of its webhooks twice and shuffles
 * their order (`dev --duplicate-rate 0.5 --reorder`). The outcome must be the same as with a polite one.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, payInSandbox, type TestStack, startStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ failures: { duplicateRate: 0.5, reorder: true } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

test('subscribe → pay → billing active → monetized call 200, with duplicated and reordered webhooks', async () => {
  const users = ['user_tour_1', 'user_tour_2', 'user_tour_3'];
  for (const user of users) {
    expect((await stack.api('/reports/1', { user })).status).toBe(402);
    const { url } = await (await stack.api('/api/payments/checkout', { method: 'POST', user, body: JSON.stringify({ productId: 'pro-monthly' }) })).json();
    expect((await payInSandbox(url)).status).toBe(303);
  }
  for (const user of users) {
    const me = await eventually(async () => {
      const m = await (await stack.api('/api/payments/me', { user })).json();
      return m.plan === 'pro' && m.paymentMethod ? m : undefined;
    }, 20_000);
    expect(me.subscriptions).toHaveLength(1);
    expect(me.subscriptions[0]).toMatchObject({ status: 'active', productId: 'pro-monthly' });
    expect((await stack.api('/reports/1', { user })).status).toBe(200);
  }
  // Duplicates really were delivered, and each event id was applied once.
  const metrics = await (await fetch(`${stack.appUrl}/metrics`)).text();
  const dups = Number(/uigen_webhooks_duplicate_total\{provider="stripe"\} (\d+)/.exec(metrics)?.[1] ?? 0);
  expect(dups).toBeGreaterThan(0);
  const rows = await stack.server.store.audit.list({ limit: 10_000 });
  const perEvent = new Map<string, number>();
  for (const r of rows) {
    const id = (JSON.parse(r.details) as { eventId?: string }).eventId;
    if (id) perEvent.set(id, (perEvent.get(id) ?? 0) + 1);
  }
  expect(perEvent.size).toBeGreaterThan(users.length);
  expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
  expect((await stack.server.store.audit.verify()).ok).toBe(true);
});
