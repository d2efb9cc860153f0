import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../../src/errors.ts';
import { DIALECTS, storeOpener } from './harness.ts';

const snapshot = (version: number, status: 'active' | 'past_due' | 'canceled', extra = {}) => ({
  userId: 'user_1',
  provider: 'stripe' as const,
  providerSubscriptionId: 'sub_123',
  productId: 'pro-monthly',
  plan: 'pro',
  status,
  currentPeriodEnd: 1_700_000_000_000 + version,
  cancelAtPeriodEnd: false,
  version,
  now: 10_000 + version,
  ...extra,
});

describe.each(DIALECTS)('repositories contract (%s)', (_name, h) => {
  const open = storeOpener();

  test('applySnapshot keeps the newest snapshot whatever order events arrive in', async () => {
    const s = await open(await h.freshUrl());
    expect(await s.subscriptions.applySnapshot(snapshot(5, 'past_due'))).toBe('applied');
    expect(await s.subscriptions.applySnapshot(snapshot(3, 'active'))).toBe('stale');
    expect(await s.subscriptions.applySnapshot(snapshot(5, 'canceled'))).toBe('stale');
    const current = await s.subscriptions.findByProviderId('stripe', 'sub_123');
    expect(current).toMatchObject({
      status: 'past_due',
      version: 5,
      currentPeriodEnd: 1_700_000_000_005,
      userId: 'user_1',
    });
    expect(await s.subscriptions.applySnapshot(snapshot(9, 'canceled', { cancelAtPeriodEnd: true }))).toBe(
      'applied',
    );
    const newest = await s.subscriptions.get(current!.id);
    expect(newest).toMatchObject({
      id: current!.id,
      status: 'canceled',
      cancelAtPeriodEnd: true,
      version: 9,
      createdAt: 10_005,
      updatedAt: 10_009,
    });
    expect((await s.subscriptions.listByUser('user_1')).map((x) => x.id)).toEqual([current!.id]);
    expect(await s.subscriptions.deleteByUser('user_1')).toBe(1);
    expect(await s.subscriptions.get(current!.id)).toBeUndefined();
  });

  test('customers: upsert keeps the id unless given, payment method by customer id, lookup through the blind index', async () => {
    const s = await open(await h.freshUrl());
    await s.customers.upsert({ userId: 'u1', provider: 'stripe', customerId: 'cus_A1', now: 1 });
    await s.customers.upsert({ userId: 'u1', provider: 'stripe', now: 2 });
    await s.customers.upsert({ userId: 'u1', provider: 'square', customerId: 'SQ_CUST', now: 3 });
    await s.customers.setPaymentMethod({
      provider: 'stripe',
      customerId: 'cus_A1',
      brand: 'visa',
      last4: '4242',
      now: 4,
    });
    expect(await s.customers.findByUser('u1')).toEqual([
      {
        userId: 'u1',
        provider: 'square',
        customerId: 'SQ_CUST',
        cardBrand: null,
        cardLast4: null,
        createdAt: 3,
        updatedAt: 3,
      },
      {
        userId: 'u1',
        provider: 'stripe',
        customerId: 'cus_A1',
        cardBrand: 'visa',
        cardLast4: '4242',
        createdAt: 1,
        updatedAt: 4,
      },
    ]);
    expect(await s.customers.findUserIdByCustomer('stripe', 'cus_A1')).toBe('u1');
    expect(await s.customers.findUserIdByCustomer('square', 'cus_A1')).toBeUndefined();
    await expect(
      s.customers.setPaymentMethod({
        provider: 'stripe',
        customerId: 'cus_A1',
        brand: 'visa',
        last4: '4242424242424242',
        now: 5,
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await s.customers.upsert({ userId: 'u1', provider: 'stripe', customerId: null, now: 6 });
    expect(await s.customers.findUserIdByCustomer('stripe', 'cus_A1')).toBeUndefined();
    expect(await s.customers.deleteByUser('u1')).toBe(2);
    expect(await s.customers.findByUser('u1')).toEqual([]);
  });

  test('payments: the same fact recorded twice has one effect; failures counted; pseudonymized and pruned', async () => {
    const s = await open(await h.freshUrl());
    const p = {
      provider: 'stripe' as const,
      providerPaymentId: 'in_1',
      userId: 'u1',
      subscriptionId: null,
      amount: 2900,
      currency: 'usd',
      failureCode: null,
    };
    expect(
      await s.payments.record({ ...p, status: 'failed', failureCode: 'card_declined', createdAt: 100 }),
    ).toBe('inserted');
    expect(
      await s.payments.record({ ...p, status: 'failed', failureCode: 'card_declined', createdAt: 100 }),
    ).toBe('exists');
    expect(await s.payments.record({ ...p, status: 'paid', createdAt: 200 })).toBe('inserted');
    expect(await s.payments.countFailedSince('u1', 100)).toBe(1);
    expect(await s.payments.countFailedSince('u1', 101)).toBe(0);
    const list = await s.payments.listByUser('u1');
    expect(list.map((x) => [x.status, x.amount, x.failureCode])).toEqual([
      ['paid', 2900, null],
      ['failed', 2900, 'card_declined'],
    ]);
    expect(await s.payments.pseudonymizeUser('u1', 'erased_1')).toBe(2);
    expect(await s.payments.listByUser('u1')).toEqual([]);
    expect(await s.payments.deleteOlderThan(150, { dryRun: true })).toBe(1);
    expect(await s.payments.listByUser('erased_1')).toHaveLength(2);
    expect(await s.payments.deleteOlderThan(150)).toBe(1);
    expect((await s.payments.listByUser('erased_1')).map((x) => x.status)).toEqual(['paid']);
  });

  test('checkouts: recent open session is reused, status changes, counts per user', async () => {
    const s = await open(await h.freshUrl());
    const c = {
      userId: 'u1',
      productId: 'pro',
      provider: 'stripe' as const,
      url: 'https://checkout.example/s',
      idempotencyKey: 'k',
      status: 'open' as const,
    };
    await s.checkouts.create({ ...c, id: 'co_1', providerSessionId: 'cs_1', createdAt: 1_000 });
    await s.checkouts.create({ ...c, id: 'co_2', providerSessionId: 'cs_2', createdAt: 2_000 });
    expect((await s.checkouts.findRecentOpen('u1', 'pro', 1_500))?.id).toBe('co_2');
    await s.checkouts.setStatus('stripe', 'cs_2', 'complete', 2_500);
    expect((await s.checkouts.findRecentOpen('u1', 'pro', 1_500))?.id).toBeUndefined();
    expect(await s.checkouts.getByProviderSession('stripe', 'cs_2')).toMatchObject({
      status: 'complete',
      updatedAt: 2_500,
      createdAt: 2_000,
    });
    expect((await s.checkouts.findBySessionId('co_1'))?.providerSessionId).toBe('cs_1');
    expect(await s.checkouts.countByUserSince('u1', 1_000)).toBe(2);
    expect(await s.checkouts.countByUserSince('u1', 1_001)).toBe(1);
    // Creating the same session twice is a typed conflict; no SQL, constraint name or value in the message.
    const dup = await s.checkouts
      .create({ ...c, id: 'co_3', providerSessionId: 'cs_1', createdAt: 3_000 })
      .catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictError);
    expect(dup).toMatchObject({ code: 'already_exists', status: 409, message: 'the record already exists' });
    expect(await s.checkouts.deleteByUser('u1')).toBe(2);
  });

  test('flags, erasures, settings', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    const f = await s.flags.create({
      userId: 'u1',
      reason: 'many_failed_payments',
      details: { count: 5, token: 'secret-value' },
      now: 7,
    });
    expect(f).toMatchObject({ userId: 'u1', reason: 'many_failed_payments', createdAt: 7, clearedAt: null });
    expect(JSON.parse(f.details)).toEqual({ count: 5, token: '[redacted]' });
    expect(await s.flags.isFlagged('u1')).toBe(true);
    expect((await s.flags.listOpen()).map((x) => x.id)).toEqual([f.id]);
    expect(await s.flags.clear(f.id, 8)).toBe(true);
    expect(await s.flags.clear(f.id, 9)).toBe(false);
    expect(await s.flags.isFlagged('u1')).toBe(false);

    await s.erasures.record({ userId: 'u9', provider: 'stripe', customerId: 'cus_9', now: 1 });
    await s.erasures.record({ userId: 'u9', provider: 'stripe', customerId: 'cus_9', now: 2 });
    expect(await s.erasures.isUserErased('u9')).toBe(true);
    expect(await s.erasures.isUserErased('u1')).toBe(false);
    expect(await s.erasures.isCustomerErased('stripe', 'cus_9')).toBe(true);
    expect(await s.erasures.isCustomerErased('square', 'cus_9')).toBe(false);
    // Erasures keep only blind-index hashes, never the erased identifiers.
    const dump = await h.dumpAll(url);
    expect(dump).not.toContain('cus_9');
    expect(dump).not.toMatch(/\bu9\b/);

    expect(await s.settings.get('checkout.paused')).toBeUndefined();
    await s.settings.set('checkout.paused', 'true', 1);
    await s.settings.set('checkout.paused', 'false', 2);
    expect(await s.settings.get('checkout.paused')).toBe('false');
  });

  test('rate-limit hits are counted atomically across stores and reset in a new window', async () => {
    const url = await h.freshUrl();
    const a = await open(url);
    const b = await open(url);
    const hits = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).rateLimits.hit('checkout:u1', 60_000, 120_500)),
    );
    expect(hits.map((x) => x.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(new Set(hits.map((x) => x.resetAt))).toEqual(new Set([180_000]));
    expect(await a.rateLimits.hit('checkout:u1', 60_000, 180_000)).toEqual({ count: 1, resetAt: 240_000 });
    expect(await a.rateLimits.hit('checkout:u2', 60_000, 180_000)).toEqual({ count: 1, resetAt: 240_000 });
  });
});
