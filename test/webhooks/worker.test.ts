import { auditUserRef } from '../../src/ops/event-log.ts';
import { describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../src/billing/types.ts';
import { StoreUnavailableError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import type { NormalizedEvent } from '../../src/providers/types.ts';
import { startWorker } from '../../src/webhooks/worker.ts';
import {
  checkoutSessionObject,
  DIALECTS,
  FakeSubscriptions,
  invoiceObject,
  providerSubscription,
  recordCheckout,
  stripeEvent,
  subscriptionObject,
  testConfig,
  testProviders,
  uid,
  useStoreAndApp,
  workerDriver,
} from './harness.ts';

describe.each(DIALECTS)('inbox worker (%s)', (dialect) => {
  const s = useStoreAndApp(dialect);
  const subs = new FakeSubscriptions();
  const { worker, deliver, drain } = workerDriver(s, subs);

  it('out of order: subscription.deleted then an older subscription.updated leaves it canceled', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    const subId = uid('sub');
    await s.ts.store.customers.upsert({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    const t = Math.floor(Date.now() / 1000);
    await deliver(
      stripeEvent(
        'customer.subscription.deleted',
        subscriptionObject({ id: subId, customer, status: 'canceled', productId: 'pro-monthly' }),
        { created: t },
      ),
    );
    await deliver(
      stripeEvent(
        'customer.subscription.updated',
        subscriptionObject({ id: subId, customer, status: 'active', productId: 'pro-monthly' }),
        { created: t - 60 },
      ),
    );
    const w = worker();
    await drain(w);
    await w.stop();
    const row = await s.ts.store.subscriptions.findByProviderId('stripe', subId);
    expect(row).toMatchObject({ userId, status: 'canceled', productId: 'pro-monthly', plan: 'pro' });
    const audit = await s.ts.store.audit.list({ limit: 1000 });
    // Audit subjects are pseudonyms (GDPR: chained rows cannot be erased).
    const mine = audit.filter((a) => a.subject === auditUserRef(userId));
    expect(mine.map((a) => JSON.parse(a.details).outcome)).toEqual(['applied', 'stale']);
    expect(mine.every((a) => a.actor === 'webhook:stripe')).toBe(true);
  });

  it('a failing handler is not marked done, is retried, dead-lettered after maxAttempts, and replay re-queues it', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    const subId = uid('sub');
    const session = uid('cs');
    await recordCheckout(s.ts.store, { userId, session });
    subs.byId.set(subId, providerSubscription({ id: subId, customerId: customer }));
    subs.failReads = true;
    const eventId = await deliver(
      stripeEvent(
        'checkout.session.completed',
        checkoutSessionObject({ id: session, userId, customer, subscription: subId }),
      ),
    );
    const applied: ApplyResult[] = [];
    const w = worker({ maxAttempts: 3, onApplied: (_e: NormalizedEvent, r: ApplyResult) => applied.push(r) });

    await w.runOnce();
    let row = await s.ts.store.inbox.get('stripe', eventId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'provider_unavailable' });
    expect(await s.ts.store.subscriptions.findByProviderId('stripe', subId)).toBeUndefined();
    expect(await s.ts.store.customers.findUserIdByCustomer('stripe', customer)).toBeUndefined();

    await w.runOnce();
    await w.runOnce();
    row = await s.ts.store.inbox.get('stripe', eventId);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, lastError: 'provider_unavailable' });
    expect(await w.runOnce()).toBe(0);
    expect(applied).toEqual([]);

    subs.failReads = false;
    expect(await s.ts.store.inbox.replayDead({ now: Date.now() })).toBeGreaterThanOrEqual(1);
    await drain(w);
    await w.stop();
    expect((await s.ts.store.inbox.get('stripe', eventId))?.status).toBe('done');
    expect(await s.ts.store.subscriptions.findByProviderId('stripe', subId)).toMatchObject({
      userId,
      status: 'active',
      productId: 'pro-monthly',
      plan: 'pro',
    });
    expect(await s.ts.store.customers.findUserIdByCustomer('stripe', customer)).toBe(userId);
    expect((await s.ts.store.checkouts.getByProviderSession('stripe', session))?.status).toBe('complete');
    expect(applied).toEqual([{ outcome: 'applied', userId, kind: 'checkout.completed' }]);
  });

  it("a crashed worker's lease expires and another worker applies the row exactly once", async () => {
    const userId = uid('user');
    const customer = uid('cus');
    await s.ts.store.customers.upsert({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    const invoiceId = uid('in');
    const eventId = await deliver(stripeEvent('invoice.paid', invoiceObject({ id: invoiceId, customer })));
    // The "crashed" worker claims and never finishes.
    const claimed = await s.ts.store.inbox.claim('crashed-worker', {
      now: Date.now(),
      leaseMs: 1_000,
      limit: 100,
    });
    expect(claimed.map((r) => r.eventId)).toContain(eventId);
    const w = worker({ owner: 'rescuer' });
    expect(await w.runOnce()).toBe(0); // lease still held
    const later = worker({ owner: 'rescuer', now: () => Date.now() + 5_000 });
    await drain(later);
    await later.stop();
    await w.stop();
    expect((await s.ts.store.inbox.get('stripe', eventId))?.status).toBe('done');
    expect(
      await s.ts.store.inbox.markDone(
        claimed.find((r) => r.eventId === eventId)!.id,
        'crashed-worker',
        Date.now(),
      ),
    ).toBe(false);
    expect(
      (await s.ts.store.payments.listByUser(userId)).filter((p) => p.providerPaymentId === invoiceId),
    ).toHaveLength(1);
  });

  it('a database outage mid-processing never dead-letters the event, and the row is handed back as soon as the store answers', async () => {
    // The store "goes down" after the claim: applying and even recording the failure throw StoreUnavailableError.
    let down = false;
    const real = s.ts.store;
    const flaky = Object.create(real) as typeof real;
    const unavailable = () => Promise.reject(new StoreUnavailableError());
    flaky.transaction = (fn) => (down ? unavailable() : real.transaction(fn));
    flaky.inbox = Object.create(real.inbox);
    flaky.inbox.markRetry = (...args) => (down ? unavailable() : real.inbox.markRetry(...args));
    const eventId = await deliver(
      stripeEvent('customer.subscription.updated', subscriptionObject({ id: uid('sub'), customer: uid('cus'), status: 'active' })),
    );
    // Real backoff: a store outage must not push the row minutes into the future either.
    const w = worker({ store: flaky, maxAttempts: 2, backoff: () => 3_600_000, leaseMs: 600_000 });

    down = true;
    expect(await w.runOnce()).toBe(1);
    // Claimed, failed, and the failure could not be recorded: still ours, leased for 10 minutes.
    expect(await real.inbox.get('stripe', eventId)).toMatchObject({ status: 'processing', attempts: 1 });

    down = false;
    await drain(w);
    // Handed back at once (not after the lease) and applied; more outages than maxAttempts did not kill it.
    expect(await real.inbox.get('stripe', eventId)).toMatchObject({ status: 'done', attempts: 2 });

    const again = await deliver(
      stripeEvent('customer.subscription.updated', subscriptionObject({ id: uid('sub'), customer: uid('cus'), status: 'active' })),
    );
    // Outage while applying only (recording works): retried soon, never dead after more than maxAttempts.
    flaky.inbox.markRetry = real.inbox.markRetry;
    down = true;
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 600)); // the retry is due after one poll interval (500 ms)
      expect(await w.runOnce()).toBe(1);
    }
    expect(await real.inbox.get('stripe', again)).toMatchObject({
      status: 'pending',
      attempts: 4,
      lastError: 'store_unavailable',
    });
    down = false;
    await new Promise((r) => setTimeout(r, 600));
    await drain(w);
    await w.stop();
    expect((await real.inbox.get('stripe', again))?.status).toBe('done');
  });

  it('events for an unknown customer are acknowledged and recorded without creating anything', async () => {
    const customer = uid('cus');
    const subId = uid('sub');
    const eventId = await deliver(
      stripeEvent(
        'customer.subscription.updated',
        subscriptionObject({ id: subId, customer, status: 'active' }),
      ),
    );
    const w = worker();
    await drain(w);
    await w.stop();
    expect((await s.ts.store.inbox.get('stripe', eventId))?.status).toBe('done');
    expect(await s.ts.store.subscriptions.findByProviderId('stripe', subId)).toBeUndefined();
    const audit = (await s.ts.store.audit.list({ limit: 1000 })).find(
      (a) => JSON.parse(a.details).eventId === eventId,
    );
    expect(JSON.parse(audit!.details).outcome).toBe('unknown_customer');
    expect(audit!.subject).not.toContain(customer); // masked
  });

  it('an insert through the route wakes a running worker at once (no poll wait)', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    await s.ts.store.customers.upsert({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    const w = startWorker({
      store: s.ts.store,
      providers: testProviders(subs),
      config: testConfig(),
      logger: silentLogger(),
      pollMs: 60_000,
    });
    try {
      await new Promise((r) => setTimeout(r, 100)); // let the first (empty) round finish
      const invoiceId = uid('in');
      const eventId = await deliver(stripeEvent('invoice.paid', invoiceObject({ id: invoiceId, customer })));
      const deadline = Date.now() + 5_000;
      while ((await s.ts.store.inbox.get('stripe', eventId))?.status !== 'done' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect((await s.ts.store.inbox.get('stripe', eventId))?.status).toBe('done');
    } finally {
      await w.stop();
    }
  });
});
