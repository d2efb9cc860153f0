/**
 * Customer-keyed events that arrive before the event mapping their customer to our user (invoice.paid before
 * checkout.session.completed): signed Stripe webhooks → inbox → worker → billing, on both dialects. A recent
 * one is retried with the worker's backoff until the mapping exists; a genuinely foreign or old one is
 * recorded as unknown_customer (never dead-lettered), as before.
 */
import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../src/billing/types.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import type { NormalizedEvent } from '../../src/providers/types.ts';
import type { Worker, WorkerDeps } from '../../src/webhooks/worker.ts';
import {
  checkoutSessionObject,
  DIALECTS,
  FakeSubscriptions,
  invoiceObject,
  providerSubscription,
  recordCheckout,
  stripeEvent,
  uid,
  useStoreAndApp,
  workerDriver,
} from '../webhooks/harness.ts';

describe.each(DIALECTS)('customer-keyed events before their customer is mapped (%s)', (dialect) => {
  const s = useStoreAndApp(dialect);
  const subs = new FakeSubscriptions();
  const applied: Array<{ type: string; result: ApplyResult }> = [];

  const driver = workerDriver(s, subs);
  const { deliver } = driver;
  const worker = (over: Partial<WorkerDeps> = {}) =>
    driver.worker({
      onApplied: (e: NormalizedEvent, result: ApplyResult) => applied.push({ type: e.type, result }),
      ...over,
    });
  const drain = (w: Worker) => driver.drain(w, 30);

  const auditOutcomes = async (eventId: string) =>
    (await s.ts.store.audit.list({ limit: 10_000 }))
      .map((a) => JSON.parse(a.details) as { eventId?: string; outcome?: string })
      .filter((d) => d.eventId === eventId)
      .map((d) => d.outcome);

  /** A subscription checkout of ours, as POST /api/payments/checkout records it, and its Stripe objects. */
  async function subscriptionCheckout() {
    const userId = uid('user');
    const customer = uid('cus');
    const subId = uid('sub');
    const session = uid('cs');
    await recordCheckout(s.ts.store, { userId, session });
    subs.byId.set(subId, providerSubscription({ id: subId, customerId: customer }));
    const completed = stripeEvent(
      'checkout.session.completed',
      checkoutSessionObject({ id: session, userId, customer, subscription: subId }),
    );
    return { userId, customer, subId, completed };
  }

  it('invoice.paid before checkout.session.completed: retried, then recorded for the right user exactly once', async () => {
    const { userId, customer, subId, completed } = await subscriptionCheckout();
    const invoiceId = uid('in');
    const invoice = await deliver(
      stripeEvent('invoice.paid', invoiceObject({ id: invoiceId, customer, subscription: subId })),
    );
    const metrics = createMetrics();
    const w = worker({ metrics });

    // Alone in the inbox: its customer is nobody's yet, so it waits for a retry instead of being written off.
    expect(await w.runOnce()).toBe(1);
    // …and that wait is not a processing failure (the failure-rate alert counts 'retry' and 'dead').
    const outcomes = (await metrics.webhooksProcessed.get()).values.map((v) => v.labels.outcome);
    expect(outcomes).toEqual(['deferred']);
    expect(await s.ts.store.inbox.get('stripe', invoice)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'customer_not_mapped_yet',
    });
    expect(await s.ts.store.payments.listByUser(userId)).toEqual([]);
    expect(await auditOutcomes(invoice)).toEqual([]);

    // The mapping event arrives late.
    const checkout = await deliver(completed);
    await drain(w);
    await w.stop();

    expect((await s.ts.store.inbox.get('stripe', checkout))?.status).toBe('done');
    // Claimed again ahead of the checkout event (it was due first), it may fail once more before landing.
    expect((await s.ts.store.inbox.get('stripe', invoice))?.status).toBe('done');
    const payments = (await s.ts.store.payments.listByUser(userId)).filter(
      (p) => p.providerPaymentId === invoiceId,
    );
    expect(payments).toHaveLength(1);
    const sub = await s.ts.store.subscriptions.findByProviderId('stripe', subId);
    expect(sub).toMatchObject({ userId, status: 'active', plan: 'pro' });
    expect(payments[0]).toMatchObject({ userId, status: 'paid', amount: 2900, subscriptionId: sub?.id });
    expect(await auditOutcomes(invoice)).toEqual(['applied']);
    expect(applied.filter((a) => a.result.userId === userId).map((a) => a.type)).toEqual([
      'checkout.session.completed',
      'invoice.paid',
    ]);
  });

  it('the same, in one batch: invoice.paid claimed ahead of its checkout event still lands once', async () => {
    const { userId, customer, subId, completed } = await subscriptionCheckout();
    const invoiceId = uid('in');
    const invoice = await deliver(
      stripeEvent('invoice.paid', invoiceObject({ id: invoiceId, customer, subscription: subId })),
    );
    await deliver(completed);
    await deliver(stripeEvent('invoice.payment_succeeded', invoiceObject({ id: invoiceId, customer })));
    const w = worker();
    await drain(w);
    await w.stop();
    expect((await s.ts.store.inbox.get('stripe', invoice))?.status).toBe('done');
    expect(
      (await s.ts.store.payments.listByUser(userId)).filter((p) => p.providerPaymentId === invoiceId),
    ).toHaveLength(1);
  });

  it('a genuinely foreign customer: retried until the attempts run out, then recorded as unknown_customer, never dead', async () => {
    const customer = uid('cus');
    const invoice = await deliver(stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer })));
    const w = worker({ maxAttempts: 3 });
    await drain(w);
    await w.stop();
    expect(await s.ts.store.inbox.get('stripe', invoice)).toMatchObject({ status: 'done', attempts: 3 });
    expect(await s.ts.store.customers.findUserIdByCustomer('stripe', customer)).toBeUndefined();
    expect(await auditOutcomes(invoice)).toEqual(['unknown_customer']);
  });

  it('an old event for an unknown customer is recorded at once (nothing is coming to map it)', async () => {
    const customer = uid('cus');
    const twoDaysAgo = Math.floor(Date.now() / 1000) - 2 * 86_400;
    const invoice = await deliver(
      stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer }), { created: twoDaysAgo }),
    );
    const w = worker();
    await drain(w);
    await w.stop();
    expect(await s.ts.store.inbox.get('stripe', invoice)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await auditOutcomes(invoice)).toEqual(['unknown_customer']);
  });

  it('a recent event for an erased customer is recorded as erased at once, not retried', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    await s.ts.store.erasures.record({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    const invoice = await deliver(stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer })));
    const w = worker();
    await drain(w);
    await w.stop();
    expect(await s.ts.store.inbox.get('stripe', invoice)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await auditOutcomes(invoice)).toEqual(['erased']);
  });
});
