import type { Selectable } from 'kysely';
import type { ProviderName } from '../../spec/types.ts';
import { affected, type RepoContext } from '../context.ts';
import { type CheckoutTable, num } from '../schema.ts';
import type { CheckoutRecord, CheckoutRepo } from '../types.ts';

export const toCheckoutRecord = (r: Selectable<CheckoutTable>): CheckoutRecord => ({
  id: r.id,
  userId: r.user_id,
  productId: r.product_id,
  provider: r.provider as ProviderName,
  providerSessionId: r.provider_session_id,
  url: r.url,
  idempotencyKey: r.idempotency_key,
  status: r.status as CheckoutRecord['status'],
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
});

export function createCheckoutRepo(ctx: RepoContext): CheckoutRepo {
  const { db } = ctx;
  const all = () => db.selectFrom('checkout_sessions').selectAll();
  return {
    async create(c) {
      await db
        .insertInto('checkout_sessions')
        .values({
          id: c.id,
          user_id: c.userId,
          product_id: c.productId,
          provider: c.provider,
          provider_session_id: c.providerSessionId,
          url: c.url,
          idempotency_key: c.idempotencyKey,
          status: c.status,
          created_at: c.createdAt,
          updated_at: c.createdAt,
        })
        .execute();
    },

    async getByProviderSession(provider, providerSessionId) {
      const r = await all()
        .where('provider', '=', provider)
        .where('provider_session_id', '=', providerSessionId)
        .executeTakeFirst();
      return r ? toCheckoutRecord(r) : undefined;
    },

    async findBySessionId(sessionId) {
      const r = await all().where('id', '=', sessionId).executeTakeFirst();
      return r ? toCheckoutRecord(r) : undefined;
    },

    async findRecentOpen(userId, productId, since) {
      const r = await all()
        .where('user_id', '=', userId)
        .where('product_id', '=', productId)
        .where('status', '=', 'open')
        .where('created_at', '>=', since)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toCheckoutRecord(r) : undefined;
    },

    async setStatus(provider, providerSessionId, status, now) {
      await db
        .updateTable('checkout_sessions')
        .set({ status, updated_at: now })
        .where('provider', '=', provider)
        .where('provider_session_id', '=', providerSessionId)
        .execute();
    },

    async countByUserSince(userId, since) {
      const r = await db
        .selectFrom('checkout_sessions')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('user_id', '=', userId)
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return num(r?.n ?? 0);
    },

    async deleteByUser(userId) {
      return affected(
        await db.deleteFrom('checkout_sessions').where('user_id', '=', userId).executeTakeFirst(),
      );
    },
  };
}
