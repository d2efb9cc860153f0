import type { Selectable } from 'kysely';
import { ValidationError } from '../../errors.ts';
import type { ProviderName } from '../../spec/types.ts';
import { affected, type RepoContext } from '../context.ts';
import { type BillingProfileTable, num } from '../schema.ts';
import type { BillingProfile, CustomerRepo } from '../types.ts';

export const CUSTOMER_ID_CONTEXT = 'billing_profiles.customer_id';

/** The blind index of a provider customer id; erasures use the same value so late webhooks can be matched. */
export function customerIndex(
  ctx: Pick<RepoContext, 'blindIndex'>,
  provider: ProviderName,
  customerId: string,
): string {
  return ctx.blindIndex.of('customer', provider, customerId);
}

/** Only brand + last 4 are ever kept (no card data): reject anything else rather than store it. */
function checkCard(brand: string | null, last4: string | null): void {
  if (last4 !== null && !/^\d{4}$/.test(last4))
    throw new ValidationError('card last4 must be exactly 4 digits');
  if (brand !== null && !/^[A-Za-z0-9 _-]{1,32}$/.test(brand))
    throw new ValidationError('card brand is not a brand name');
}

export function createCustomerRepo(ctx: RepoContext): CustomerRepo {
  const { db, keyring } = ctx;
  const toProfile = (r: Selectable<BillingProfileTable>): BillingProfile => ({
    userId: r.user_id,
    provider: r.provider as ProviderName,
    customerId: r.customer_id_enc === null ? null : keyring.decrypt(r.customer_id_enc, CUSTOMER_ID_CONTEXT),
    cardBrand: r.card_brand,
    cardLast4: r.card_last4,
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  });
  const customerColumns = (provider: ProviderName, customerId: string | null) => ({
    customer_id_enc: customerId === null ? null : keyring.encrypt(customerId, CUSTOMER_ID_CONTEXT),
    customer_bidx: customerId === null ? null : customerIndex(ctx, provider, customerId),
  });

  return {
    async upsert({ userId, provider, customerId, now }) {
      const cols = customerColumns(provider, customerId ?? null);
      await db
        .insertInto('billing_profiles')
        .values({
          user_id: userId,
          provider,
          ...cols,
          card_brand: null,
          card_last4: null,
          flags: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          // `customerId` undefined = leave the stored id alone; null = clear it.
          oc
            .columns(['user_id', 'provider'])
            .doUpdateSet(customerId === undefined ? { updated_at: now } : { ...cols, updated_at: now }),
        )
        .execute();
    },

    async setPaymentMethod({ provider, customerId, brand, last4, now }) {
      checkCard(brand, last4);
      await db
        .updateTable('billing_profiles')
        .set({ card_brand: brand, card_last4: last4, updated_at: now })
        .where('provider', '=', provider)
        .where('customer_bidx', '=', customerIndex(ctx, provider, customerId))
        .execute();
    },

    async findByUser(userId) {
      const rows = await db
        .selectFrom('billing_profiles')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('provider')
        .execute();
      return rows.map(toProfile);
    },

    async findUserIdByCustomer(provider, customerId) {
      const r = await db
        .selectFrom('billing_profiles')
        .select('user_id')
        .where('provider', '=', provider)
        .where('customer_bidx', '=', customerIndex(ctx, provider, customerId))
        .executeTakeFirst();
      return r?.user_id;
    },

    async deleteByUser(userId) {
      return affected(
        await db.deleteFrom('billing_profiles').where('user_id', '=', userId).executeTakeFirst(),
      );
    },
  };
}
