import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { SubscriptionStatus } from '../../providers/types.ts';
import type { ProviderName } from '../../spec/types.ts';
import { affected, type RepoContext } from '../context.ts';
import { num, numOrNull, type SubscriptionTable } from '../schema.ts';
import type { SubscriptionRecord, SubscriptionRepo } from '../types.ts';

const toRecord = (r: Selectable<SubscriptionTable>): SubscriptionRecord => ({
  id: r.id,
  userId: r.user_id,
  provider: r.provider as ProviderName,
  providerSubscriptionId: r.provider_subscription_id,
  productId: r.product_id,
  plan: r.plan,
  status: r.status as SubscriptionStatus,
  currentPeriodEnd: numOrNull(r.current_period_end),
  cancelAtPeriodEnd: r.cancel_at_period_end === 1,
  version: num(r.version),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
});

export function createSubscriptionRepo(ctx: RepoContext): SubscriptionRepo {
  const { db } = ctx;
  return {
    async applySnapshot(s) {
      const state = {
        user_id: s.userId,
        product_id: s.productId,
        plan: s.plan,
        status: s.status,
        current_period_end: s.currentPeriodEnd,
        cancel_at_period_end: s.cancelAtPeriodEnd ? 1 : 0,
        version: s.version,
        updated_at: s.now,
      };
      // One statement: insert, or overwrite only when the incoming snapshot is strictly newer. Out-of-order
      // and repeated events therefore converge on the newest state without a read-modify-write race.
      const row = await db
        .insertInto('subscriptions')
        .values({
          id: `sub_${randomUUID().replaceAll('-', '')}`,
          provider: s.provider,
          provider_subscription_id: s.providerSubscriptionId,
          created_at: s.now,
          ...state,
        })
        .onConflict((oc) =>
          oc
            .columns(['provider', 'provider_subscription_id'])
            .doUpdateSet((eb) => ({
              user_id: eb.ref('excluded.user_id'),
              product_id: eb.ref('excluded.product_id'),
              plan: eb.ref('excluded.plan'),
              status: eb.ref('excluded.status'),
              current_period_end: eb.ref('excluded.current_period_end'),
              cancel_at_period_end: eb.ref('excluded.cancel_at_period_end'),
              version: eb.ref('excluded.version'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where('subscriptions.version', '<', (eb) => eb.ref('excluded.version')),
        )
        .returning('id')
        .executeTakeFirst();
      return row ? 'applied' : 'stale';
    },

    async get(id) {
      const r = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRecord(r) : undefined;
    },

    async findByProviderId(provider, providerSubscriptionId) {
      const r = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where('provider', '=', provider)
        .where('provider_subscription_id', '=', providerSubscriptionId)
        .executeTakeFirst();
      return r ? toRecord(r) : undefined;
    },

    async listByUser(userId) {
      const rows = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async deleteByUser(userId) {
      return affected(await db.deleteFrom('subscriptions').where('user_id', '=', userId).executeTakeFirst());
    },
  };
}
