import { describe, expect, test } from 'vitest';
import { DIALECTS, storeOpener } from './harness.ts';

describe.each(DIALECTS)('transactions contract (%s)', (_name, h) => {
  const open = storeOpener();

  test('a throw inside transaction(fn) rolls back every repository write', async () => {
    const s = await open(await h.freshUrl());
    await s.inbox.insert({ provider: 'stripe', eventId: 'evt_tx', type: 't', payload: '{}', receivedAt: 1 });
    const [row] = await s.inbox.claim('w', { now: 1, leaseMs: 1000, limit: 1 });
    const boom = new Error('handler failed');
    await expect(
      s.transaction(async (tx) => {
        await tx.customers.upsert({ userId: 'u1', provider: 'stripe', customerId: 'cus_tx', now: 1 });
        await tx.subscriptions.applySnapshot({
          userId: 'u1',
          provider: 'stripe',
          providerSubscriptionId: 'sub_tx',
          productId: null,
          plan: 'pro',
          status: 'active',
          currentPeriodEnd: null,
          cancelAtPeriodEnd: false,
          version: 1,
          now: 1,
        });
        await tx.audit.append({ actor: 'worker', action: 'subscription.updated', subject: 'u1', at: 1 });
        expect(await tx.inbox.markDone(row.id, 'w', 2)).toBe(true);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await s.customers.findByUser('u1')).toEqual([]);
    expect(await s.subscriptions.findByProviderId('stripe', 'sub_tx')).toBeUndefined();
    expect(await s.audit.list({ limit: 10 })).toEqual([]);
    expect((await s.inbox.get('stripe', 'evt_tx'))?.status).toBe('processing');
  });

  test('a transaction that returns commits everything and passes its value through', async () => {
    const s = await open(await h.freshUrl());
    const out = await s.transaction(async (tx) => {
      await tx.settings.set('a', '1', 1);
      const e = await tx.audit.append({ actor: 'admin', action: 'settings.set', subject: 'a', at: 1 });
      return e.id;
    });
    expect(out).toBe(1);
    expect(await s.settings.get('a')).toBe('1');
    expect((await s.audit.verify()).ok).toBe(true);
  });

  test('using the outer store inside transaction(fn) is refused instead of deadlocking', async () => {
    const s = await open(await h.freshUrl());
    await expect(
      s.transaction(async (tx) => {
        await tx.settings.set('k', 'v', 1);
        await s.settings.get('k');
      }),
    ).rejects.toMatchObject({ code: 'store_misuse' });
    expect(await s.settings.get('k')).toBeUndefined();
    // Transactions from one process queue up rather than interleave.
    const order: string[] = [];
    await Promise.all(
      ['x', 'y', 'z'].map((k) =>
        s.transaction(async (tx) => {
          order.push(`${k}:start`);
          await tx.settings.set(k, k, 1);
          await new Promise((r) => setTimeout(r, 5));
          order.push(`${k}:end`);
        }),
      ),
    );
    if (!s.capabilities.multiProcess)
      expect(order).toEqual(['x:start', 'x:end', 'y:start', 'y:end', 'z:start', 'z:end']);
    expect(await s.settings.get('z')).toBe('z');
  });
});
