import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ProviderName } from '../../spec/types.ts';
import { affected, type RepoContext } from '../context.ts';
import { num, type PaymentTable } from '../schema.ts';
import type { PaymentRecord, PaymentRepo } from '../types.ts';

const toRecord = (r: Selectable<PaymentTable>): PaymentRecord => ({
  id: r.id,
  provider: r.provider as ProviderName,
  providerPaymentId: r.provider_payment_id,
  userId: r.user_id,
  subscriptionId: r.subscription_id,
  amount: num(r.amount),
  currency: r.currency,
  status: r.status as PaymentRecord['status'],
  failureCode: r.failure_code,
  createdAt: num(r.created_at),
});

export function createPaymentRepo(ctx: RepoContext): PaymentRepo {
  const { db } = ctx;
  return {
    async record(p) {
      const row = await db
        .insertInto('payments')
        .values({
          id: `pay_${randomUUID().replaceAll('-', '')}`,
          provider: p.provider,
          provider_payment_id: p.providerPaymentId,
          user_id: p.userId,
          subscription_id: p.subscriptionId,
          amount: p.amount,
          currency: p.currency,
          status: p.status,
          failure_code: p.failureCode,
          created_at: p.createdAt,
        })
        .onConflict((oc) => oc.columns(['provider', 'provider_payment_id', 'status']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row ? 'inserted' : 'exists';
    },

    async listByUser(userId) {
      const rows = await db
        .selectFrom('payments')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async countFailedSince(userId, since) {
      const r = await db
        .selectFrom('payments')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('user_id', '=', userId)
        .where('status', '=', 'failed')
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return num(r?.n ?? 0);
    },

    async pseudonymizeUser(userId, pseudonym) {
      return affected(
        await db
          .updateTable('payments')
          .set({ user_id: pseudonym })
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      );
    },

    async deleteOlderThan(cutoff, opts) {
      if (opts?.dryRun) {
        const r = await db
          .selectFrom('payments')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('created_at', '<', cutoff)
          .executeTakeFirst();
        return num(r?.n ?? 0);
      }
      return affected(await db.deleteFrom('payments').where('created_at', '<', cutoff).executeTakeFirst());
    },
  };
}
