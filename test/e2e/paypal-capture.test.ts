/**
 * The PayPal example (`dev --spec examples/paypal/openapi.yaml`): server + worker + PayPal sandbox over real
 * HTTP. A buyer who approves on PayPal pays whether or not they come back to the success page, and a success
 * page racing the webhook never captures twice or records the payment twice.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, payInSandbox, startStack, type TestStack } from '../support/stack.ts';

const PAYPAL_SPEC = join(import.meta.dirname, '../../examples/paypal/openapi.yaml');

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ specFile: PAYPAL_SPEC });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function buyCourse(user: string): Promise<string> {
  const res = await stack.api('/api/payments/checkout', {
    method: 'POST',
    user,
    body: JSON.stringify({ productId: 'course-basics' }),
  });
  expect(res.status).toBe(200);
  const { url, sessionId } = (await res.json()) as { url: string; sessionId: string };
  expect((await payInSandbox(url)).status).toBe(303);
  return sessionId;
}

/** Captures PayPal made (one PAYMENT.CAPTURE.COMPLETED each), once every queued webhook is out. */
async function captures(): Promise<number> {
  await fetch(`${stack.sandboxUrl}/_sandbox/deliveries/wait`, { method: 'POST' });
  const { data } = (await (await fetch(`${stack.sandboxUrl}/_sandbox/deliveries`)).json()) as {
    data: Array<{ type?: string; duplicate: boolean }>;
  };
  return data.filter((d) => d.type === 'PAYMENT.CAPTURE.COMPLETED' && !d.duplicate).length;
}

/** Waits until the inbox is worked off, then returns the user's payments and the checkout's status. */
async function settled(user: string, orderId: string) {
  const { store } = stack.server;
  await eventually(async () => {
    const s = await store.inbox.stats(Date.now());
    return s.pending === 0 && s.processing === 0;
  });
  return {
    payments: await store.payments.listByUser(user),
    checkout: (await store.checkouts.getByProviderSession('paypal', orderId))?.status,
    dead: (await store.inbox.stats(Date.now())).dead,
  };
}

test('approve on PayPal, never return: the webhook captures the order and the payment is recorded once', async () => {
  const user = 'user_paypal_gone';
  const before = await captures();
  const orderId = await buyCourse(user);
  await eventually(async () => (await stack.server.store.payments.listByUser(user)).length > 0, 20_000);
  expect(await captures()).toBe(before + 1);
  const { payments, checkout, dead } = await settled(user, orderId);
  expect(checkout).toBe('complete');
  expect(dead).toBe(0);
  expect(payments).toEqual([
    expect.objectContaining({
      provider: 'paypal',
      userId: user,
      amount: 4900,
      currency: 'eur',
      status: 'paid',
    }),
  ]);

  // Coming back much later: the success page reports the payment without capturing again.
  const page = await stack.api(`/api/payments/checkout/${orderId}`, { user });
  expect(await page.json()).toMatchObject({
    status: 'complete',
    paymentStatus: 'paid',
    productId: 'course-basics',
  });
  expect(await captures()).toBe(before + 1);
  expect((await settled(user, orderId)).payments).toHaveLength(1);
});

test('the success page races the webhook: one capture, one payment, and the page says paid', async () => {
  const user = 'user_paypal_back';
  const before = await captures();
  const orderId = await buyCourse(user);
  // The buyer's browser polls the status while the worker applies CHECKOUT.ORDER.APPROVED.
  const pages = await Promise.all(
    [0, 1, 2].map(async () => (await stack.api(`/api/payments/checkout/${orderId}`, { user })).json()),
  );
  for (const p of pages) expect(p).toMatchObject({ status: 'complete', paymentStatus: 'paid' });
  await eventually(async () => (await stack.server.store.payments.listByUser(user)).length > 0, 20_000);
  expect(await captures()).toBe(before + 1);
  const { payments, checkout, dead } = await settled(user, orderId);
  expect(checkout).toBe('complete');
  expect(dead).toBe(0);
  expect(payments).toHaveLength(1);
});
