import { auditUserRef } from '../../src/ops/event-log.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent } from '../../src/billing/apply.ts';
import type { ApplyResult } from '../../src/billing/types.ts';
import type { NormalizedEvent, SubscriptionSnapshot } from '../../src/providers/types.ts';
import {
  DIALECTS,
  FakeSubscriptions,
  openTestStore,
  type TestStore,
  testConfig,
  testProviders,
  uid,
} from '../webhooks/harness.ts';

type Distribute<T> = T extends unknown ? Omit<T, 'provider' | 'eventId' | 'type' | 'occurredAt'> : never;

describe.each(DIALECTS)('applyEvent (%s)', (dialect) => {
  let ts: TestStore;
  const subs = new FakeSubscriptions();
  const config = testConfig();
  beforeAll(async () => {
    ts = await openTestStore(dialect);
  });
  afterAll(async () => {
    await ts?.close();
  });

  function ev(e: Distribute<NormalizedEvent>, occurredAt = Date.now()): NormalizedEvent {
    return { provider: 'stripe', eventId: uid('evt'), type: 'test', occurredAt, ...e } as NormalizedEvent;
  }
  const apply = (e: NormalizedEvent): Promise<ApplyResult> =>
    ts.store.transaction((tx) =>
      applyEvent(tx, e, { config, providers: testProviders(subs), now: Date.now() }),
    );
  const snapshot = (p: Partial<SubscriptionSnapshot> & { id: string }): SubscriptionSnapshot => ({
    provider: 'stripe',
    status: 'active',
    cancelAtPeriodEnd: false,
    version: Date.now(),
    currentPeriodEnd: Math.floor(Date.now() / 1000) + 86_400,
    ...p,
  });
  async function auditFor(eventId: string) {
    return (await ts.store.audit.list({ limit: 10_000 })).filter(
      (a) => JSON.parse(a.details).eventId === eventId,
    );
  }

  it('checkout.completed: our checkout record decides the user, not the echoed metadata', async () => {
    const owner = uid('user');
    const session = uid('cs');
    const customer = uid('cus');
    const subId = uid('sub');
    await ts.store.checkouts.create({
      id: uid('chk'),
      userId: owner,
      productId: 'pro-monthly',
      provider: 'stripe',
      providerSessionId: session,
      url: 'https://x.test/',
      idempotencyKey: uid('k'),
      status: 'open',
      createdAt: Date.now(),
    });
    subs.byId.set(subId, snapshot({ id: subId, customerId: customer, priceId: 'price_pro' }));
    const e = ev({
      kind: 'checkout.completed',
      checkoutSessionId: session,
      userId: 'attacker',
      customerId: customer,
      subscriptionId: subId,
    });
    expect(await apply(e)).toEqual({ outcome: 'applied', userId: owner, kind: 'checkout.completed' });
    expect(await ts.store.customers.findUserIdByCustomer('stripe', customer)).toBe(owner);
    expect(await ts.store.subscriptions.findByProviderId('stripe', subId)).toMatchObject({
      userId: owner,
      plan: 'pro',
      status: 'active',
    });
    expect(await ts.store.subscriptions.listByUser('attacker')).toEqual([]);
    const [row] = await auditFor(e.eventId);
    // The audit subject is the user's pseudonym: chained rows cannot be erased, so they never hold the user id.
    expect(row).toMatchObject({ actor: 'webhook:stripe', action: 'checkout.completed', subject: auditUserRef(owner) });
    expect(JSON.stringify(row)).not.toContain(owner);
    expect(row.details).not.toContain(customer);
    expect(JSON.parse(row.details).metadataMismatch).toBe(true);
  });

  it('checkout.completed for a one-time product records the payment once, and not while unpaid', async () => {
    const userId = uid('user');
    const pi = uid('pi');
    const unpaid = ev({
      kind: 'checkout.completed',
      checkoutSessionId: uid('cs'),
      userId,
      customerId: uid('cus'),
      paymentId: uid('pi'),
      amount: 500,
      currency: 'usd',
      paymentStatus: 'unpaid',
    });
    await apply(unpaid);
    expect(await ts.store.payments.listByUser(userId)).toEqual([]);
    const paid = ev({
      kind: 'checkout.completed',
      checkoutSessionId: uid('cs'),
      userId,
      paymentId: pi,
      amount: 500,
      currency: 'usd',
      paymentStatus: 'paid',
    });
    await apply(paid);
    await apply({ ...paid, eventId: uid('evt') });
    expect((await ts.store.payments.listByUser(userId)).map((p) => [p.providerPaymentId, p.status])).toEqual([
      [pi, 'paid'],
    ]);
  });

  it('checkout.completed re-reads the subscription; a failed read throws and writes nothing', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    const e = ev({
      kind: 'checkout.completed',
      checkoutSessionId: uid('cs'),
      userId,
      customerId: customer,
      subscriptionId: uid('sub_missing'),
    });
    await expect(apply(e)).rejects.toMatchObject({ code: 'not_found' });
    expect(await ts.store.customers.findUserIdByCustomer('stripe', customer)).toBeUndefined();
    expect(await auditFor(e.eventId)).toEqual([]);
  });

  it('nothing attributable → unknown_customer, recorded, no user created', async () => {
    const customer = uid('cus');
    const subId = uid('sub');
    const e = ev({
      kind: 'subscription.updated',
      subscription: snapshot({ id: subId, customerId: customer }),
    });
    expect((await apply(e)).outcome).toBe('unknown_customer');
    expect(await ts.store.subscriptions.findByProviderId('stripe', subId)).toBeUndefined();
    const checkout = ev({ kind: 'checkout.completed', checkoutSessionId: uid('cs'), customerId: customer });
    expect((await apply(checkout)).outcome).toBe('unknown_customer');
    expect(await ts.store.customers.findUserIdByCustomer('stripe', customer)).toBeUndefined();
    expect((await auditFor(e.eventId)).map((a) => JSON.parse(a.details).outcome)).toEqual([
      'unknown_customer',
    ]);
  });

  it('events for erased users or customers are recorded as erased and recreate nothing', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    await ts.store.erasures.record({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    const checkout = ev({
      kind: 'checkout.completed',
      checkoutSessionId: uid('cs'),
      userId,
      customerId: uid('cus'),
    });
    expect((await apply(checkout)).outcome).toBe('erased');
    expect(await ts.store.customers.findByUser(userId)).toEqual([]);
    const sub = ev({
      kind: 'subscription.created',
      subscription: snapshot({ id: uid('sub'), customerId: customer, userId: uid('user') }),
    });
    expect((await apply(sub)).outcome).toBe('erased');
    expect((await auditFor(sub.eventId))[0]).toMatchObject({ action: 'subscription.created' });
  });

  it('a subscription is attributed through the metadata we set when there is no mapping yet', async () => {
    const userId = uid('user');
    const subId = uid('sub');
    const e = ev({
      kind: 'subscription.created',
      subscription: snapshot({ id: subId, customerId: uid('cus'), userId, productId: 'team-monthly' }),
    });
    expect(await apply(e)).toMatchObject({ outcome: 'applied', userId });
    expect(await ts.store.subscriptions.findByProviderId('stripe', subId)).toMatchObject({
      userId,
      productId: 'team-monthly',
      plan: 'team',
    });
  });

  it('two event ids describing one payment have one effect; failed and refunded are separate facts', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    await ts.store.customers.upsert({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    const paymentId = uid('in');
    const paid = ev({ kind: 'invoice.paid', paymentId, customerId: customer, amount: 2900, currency: 'usd' });
    await apply(paid);
    await apply({ ...paid, eventId: uid('evt'), type: 'invoice.payment_succeeded' });
    await apply(ev({ kind: 'refund', paymentId, customerId: customer, amount: 2900, currency: 'usd' }));
    await apply(
      ev({
        kind: 'payment.failed',
        paymentId: uid('pi'),
        customerId: customer,
        amount: 2900,
        currency: 'usd',
        failureCode: 'card_declined',
      }),
    );
    const rows = await ts.store.payments.listByUser(userId);
    expect(rows.map((p) => p.status).sort()).toEqual(['failed', 'paid', 'refunded']);
    expect(rows.find((p) => p.status === 'failed')?.failureCode).toBe('card_declined');
    expect(await ts.store.payments.countFailedSince(userId, 0)).toBe(1);
  });

  it('payment_method.updated stores brand and last 4 only', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    await ts.store.customers.upsert({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    await apply(ev({ kind: 'payment_method.updated', customerId: customer, brand: 'visa', last4: '4242' }));
    expect(await ts.store.customers.findByUser(userId)).toEqual([
      expect.objectContaining({ cardBrand: 'visa', cardLast4: '4242' }),
    ]);
  });

  it('customer.deleted cancels the subscriptions, and an older update cannot revive them', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    const subId = uid('sub');
    await ts.store.customers.upsert({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    const t = Date.now();
    await apply(
      ev({
        kind: 'subscription.created',
        subscription: snapshot({
          id: subId,
          customerId: customer,
          version: t - 10_000,
          productId: 'pro-monthly',
        }),
      }),
    );
    await apply(ev({ kind: 'customer.deleted', customerId: customer }, t));
    expect((await ts.store.subscriptions.findByProviderId('stripe', subId))?.status).toBe('canceled');
    const late = await apply(
      ev({
        kind: 'subscription.updated',
        subscription: snapshot({ id: subId, customerId: customer, version: t - 5_000 }),
      }),
    );
    expect(late.outcome).toBe('stale');
    expect((await ts.store.subscriptions.findByProviderId('stripe', subId))?.status).toBe('canceled');
  });

  it('unsupported events are ignored without an audit row', async () => {
    const e = ev({ kind: 'not_supported' });
    expect(await apply(e)).toEqual({ outcome: 'ignored', kind: 'not_supported', userId: undefined });
    expect(await auditFor(e.eventId)).toEqual([]);
  });
});
