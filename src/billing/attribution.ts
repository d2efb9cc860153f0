/**
 * Who an event belongs to. Only our own records attribute a user: a row we hold (the checkout we created, a
 * subscription we already track), the blind-indexed customer mapping, or metadata *we* set at checkout and the
 * provider echoes back signed. Nothing the browser sent reaches here. Erasures are reported so handlers record
 * the event instead of recreating an erased user.
 */
import type { ProviderName } from '../spec/types.ts';
import type { Repos } from '../store/types.ts';

export type Attribution = { kind: 'user'; userId: string } | { kind: 'erased' } | { kind: 'unknown' };

export interface AttributionRefs {
  provider: ProviderName;
  customerId?: string | null;
  /** User id from a row we hold (checkout record, subscription row): most trusted. */
  owned?: string | null;
  /** User id from metadata we set at checkout (client_reference_id / metadata.userId): least trusted. */
  metadata?: string | null;
}

export async function attribute(tx: Repos, refs: AttributionRefs): Promise<Attribution> {
  if (refs.customerId && (await tx.erasures.isCustomerErased(refs.provider, refs.customerId)))
    return { kind: 'erased' };
  let userId = refs.owned ?? undefined;
  if (!userId && refs.customerId)
    userId = await tx.customers.findUserIdByCustomer(refs.provider, refs.customerId);
  userId ??= refs.metadata ?? undefined;
  if (!userId) return { kind: 'unknown' };
  if (await tx.erasures.isUserErased(userId)) return { kind: 'erased' };
  return { kind: 'user', userId };
}

/** The handler verdict for an event nobody (or an erased user) owns: acknowledged and recorded, nothing written. */
export function unattributed(a: Exclude<Attribution, { kind: 'user' }>, customerId?: string | null) {
  return {
    outcome: a.kind === 'erased' ? ('erased' as const) : ('unknown_customer' as const),
    customerId: customerId ?? undefined,
  };
}
