/**
 * GDPR erasure at the store level on both dialects: every kind of row the ops/billing tables hold for a user,
 * then `gdprDelete` → the raw database (SQLite bytes incl. WAL; every PostgreSQL table) has neither the user id
 * nor the customer id in clear.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { gdprDelete } from '../../src/ops/gdpr.ts';
import type { Store } from '../../src/store/types.ts';
import { recordingProvider } from './support/provider-double.ts';
import { type DialectName, openOpsStore } from './support/store.ts';

async function seedUser(store: Store, userId: string, customerId: string, now: number) {
  await store.customers.upsert({ userId, provider: 'stripe', customerId, now });
  for (const [kind, status] of [
    ['live', 'active'],
    ['old', 'canceled'],
  ] as const) {
    await store.subscriptions.applySnapshot({
      userId,
      provider: 'stripe',
      providerSubscriptionId: `sub_${kind}_${userId}`,
      productId: 'pro-monthly',
      plan: 'pro',
      status,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      version: 1,
      now,
    });
  }
  for (const status of ['paid', 'failed'] as const) {
    await store.payments.record({
      provider: 'stripe',
      providerPaymentId: `pi_${status}_${randomUUID()}`,
      userId,
      subscriptionId: null,
      amount: 2900,
      currency: 'usd',
      status,
      failureCode: null,
      createdAt: now,
    });
  }
  await store.checkouts.create({
    id: `co_${customerId}`,
    userId,
    productId: 'pro-monthly',
    provider: 'stripe',
    providerSessionId: `cs_${customerId}`,
    url: 'https://sandbox.example/cs',
    idempotencyKey: `idem-${userId}`,
    status: 'open',
    createdAt: now,
  });
  await store.flags.create({ userId, reason: 'failed_payments', now });
  await store.rateLimits.hit(`checkout:${userId}`, 60_000, now);
}

describe.each(['sqlite', 'postgres'] as DialectName[])('gdpr delete at the store level (%s)', (dialect) => {
  it('leaves neither the user id nor the customer id in clear anywhere in the database, and keeps pseudonymized payments', async () => {
    const h = await openOpsStore(dialect);
    const now = Date.UTC(2030, 0, 1);
    const userId = 'user_erase_me_7f3a9c';
    const customerId = 'cus_ERASEME9876543';
    await seedUser(h.store, userId, customerId, now);
    await seedUser(h.store, 'user_keep_me', 'cus_KEEPME1234567', now);
    expect(await h.dumpAll()).toContain(userId);

    const liveId = (await h.store.subscriptions.findByProviderId('stripe', `sub_live_${userId}`))!.id;
    const stripe = recordingProvider('stripe');
    const r = await gdprDelete(userId, {
      store: h.store,
      providers: new Map([['stripe', stripe]]),
      now,
      actor: 'cli',
      logger: silentLogger(),
      pseudonymKey: h.keys.blindIndexKey,
    });
    expect(r).toEqual({
      alreadyErased: false,
      customersDeleted: 1,
      subscriptionsRemoved: 2,
      paymentsPseudonymized: 2,
    });
    // Only the live subscription is cancelled; then the customer is deleted.
    expect(stripe.calls).toEqual([`cancel:sub_live_${userId}:gdpr-cancel-${liveId}`, `delete:${customerId}`]);

    const dump = await h.dumpAll();
    expect(dump.includes(userId)).toBe(false);
    expect(dump.includes(customerId)).toBe(false);
    // The other user is untouched; the payment rows are kept under one keyed pseudonym.
    expect(dump).toContain('user_keep_me');
    expect((await h.store.payments.listByUser('user_keep_me')).length).toBe(2);
    expect(await h.store.erasures.isUserErased(userId)).toBe(true);
    expect(await h.store.erasures.isCustomerErased('stripe', customerId)).toBe(true);
    const audit = (await h.store.audit.list({ limit: 10 })).find((a) => a.action === 'gdpr.delete')!;
    expect((await h.store.payments.listByUser(audit.subject)).map((p) => p.status).sort()).toEqual([
      'failed',
      'paid',
    ]);
  });

  it('a provider failure leaves local data intact so the erasure can simply be re-run', async () => {
    const h = await openOpsStore(dialect);
    const now = Date.UTC(2030, 0, 1);
    await seedUser(h.store, 'user_retry', 'cus_RETRY0000001', now);
    const stripe = recordingProvider('stripe');
    stripe.failing = true;
    const deps = {
      store: h.store,
      providers: new Map([['stripe' as const, stripe]]),
      now,
      actor: 'cli',
      logger: silentLogger(),
    };
    await expect(gdprDelete('user_retry', deps)).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(await h.store.erasures.isUserErased('user_retry')).toBe(false);
    expect((await h.store.customers.findByUser('user_retry')).length).toBe(1);

    stripe.failing = false;
    expect(await gdprDelete('user_retry', deps)).toMatchObject({ alreadyErased: false, customersDeleted: 1 });
    expect(await gdprDelete('user_retry', deps)).toEqual({
      alreadyErased: true,
      customersDeleted: 0,
      subscriptionsRemoved: 0,
      paymentsPseudonymized: 0,
    });
  });

  it('deletes the provider customer named by the cancel answer when no profile ever linked it', async () => {
    const h = await openOpsStore(dialect);
    await h.store.subscriptions.applySnapshot({
      userId: 'user_unlinked',
      provider: 'stripe',
      providerSubscriptionId: 'sub_unlinked',
      productId: 'pro-monthly',
      plan: 'pro',
      status: 'active',
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      version: 1,
      now: 1,
    });
    const stripe = recordingProvider('stripe');
    stripe.subscriptionCustomers.set('sub_unlinked', 'cus_UNLINKED00001');
    const r = await gdprDelete('user_unlinked', {
      store: h.store,
      providers: new Map([['stripe', stripe]]),
      now: 2,
      actor: 'cli',
      logger: silentLogger(),
    });
    expect(r).toMatchObject({ customersDeleted: 1, subscriptionsRemoved: 1 });
    expect(stripe.calls.at(-1)).toBe('delete:cus_UNLINKED00001');
    expect(await h.store.erasures.isCustomerErased('stripe', 'cus_UNLINKED00001')).toBe(true);
  });

  it('refuses (before touching anything) when the user has data at a provider that is not configured', async () => {
    const h = await openOpsStore(dialect);
    await seedUser(h.store, 'user_unconfigured', 'cus_UNCONF000001', 1);
    await expect(
      gdprDelete('user_unconfigured', {
        store: h.store,
        providers: new Map(),
        now: 2,
        actor: 'cli',
        logger: silentLogger(),
      }),
    ).rejects.toMatchObject({ code: 'invalid_config' });
    expect((await h.store.customers.findByUser('user_unconfigured')).length).toBe(1);
  });
});
