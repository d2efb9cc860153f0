/**
 * GDPR erasures are remembered only as blind-index hashes: enough to refuse recreating an erased user from a
 * late webhook, without keeping the identifiers that were erased.
 */
import type { RepoContext } from '../context.ts';
import type { ErasureRepo } from '../types.ts';
import { customerIndex } from './customers.ts';

export function createErasureRepo(ctx: RepoContext): ErasureRepo {
  const { db } = ctx;
  const userHash = (userId: string) => ctx.blindIndex.of('user', userId);
  const has = async (kind: string, hash: string) =>
    (await db
      .selectFrom('erasures')
      .select('hash')
      .where('kind', '=', kind)
      .where('hash', '=', hash)
      .executeTakeFirst()) !== undefined;

  return {
    async record({ userId, provider, customerId, now }) {
      const rows = [{ kind: 'user', hash: userHash(userId), created_at: now }];
      if (provider && customerId)
        rows.push({ kind: 'customer', hash: customerIndex(ctx, provider, customerId), created_at: now });
      await db
        .insertInto('erasures')
        .values(rows)
        .onConflict((oc) => oc.columns(['kind', 'hash']).doNothing())
        .execute();
    },
    isUserErased: (userId) => has('user', userHash(userId)),
    isCustomerErased: (provider, customerId) => has('customer', customerIndex(ctx, provider, customerId)),
  };
}
