/**
 * Who an event belongs to. Only our own records attribute a user: a row we hold (the checkout we created, a
 * subscription we already track), the blind-indexed customer mapping, or metadata *we* set at checkout and the
 * provider echoes back signed. Nothing the browser sent reaches here. Erasures are reported so handlers record
 * the event instead of recreating an erased user.
 */
import { PaymentsError } from '../errors.ts';
import type { ProviderName } from '../spec/types.ts';
import type { Repos } from '../store/types.ts';
import type { ApplyContext } from './types.ts';

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

/**
 * How old a customer-keyed event may be and still wait for the event that maps its customer. Webhooks arrive
 * out of order routinely (invoice.paid before checkout.session.completed), but seconds to minutes apart; an
 * older event has no mapping event in flight (it is somebody else's customer) and is recorded at once.
 */
const AWAIT_MAPPING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The retryable verdict for a recent event whose customer is not mapped yet. The worker retries it with its
 * normal backoff (about four minutes over the default 8 attempts), never dead-letters it for this reason:
 * on the last attempt the handler records unknown_customer instead.
 */
export class CustomerNotMappedError extends PaymentsError {
  constructor() {
    super('customer_not_mapped_yet', "the event's customer is not mapped to a user yet", 409);
  }
}

/**
 * The verdict for a customer-keyed event (invoice, payment, subscription, card, customer) that nobody owns yet.
 * Recorded as unattributed (today's unknown_customer) when it can never become ours: an erased owner, no
 * customer or subscription reference a later event could map, an old event, or the worker's last attempt.
 * Otherwise throws CustomerNotMappedError so the worker retries it after the mapping event had its chance.
 */
export function unattributedOrRetry(
  a: Exclude<Attribution, { kind: 'user' }>,
  refs: { customerId?: string | null; subscriptionId?: string | null; occurredAt: number },
  ctx: Pick<ApplyContext, 'now' | 'attempt' | 'maxAttempts'>,
) {
  const mappable = !!(refs.customerId || refs.subscriptionId);
  const recent = ctx.now - refs.occurredAt <= AWAIT_MAPPING_MAX_AGE_MS;
  const retriesLeft =
    ctx.attempt !== undefined && ctx.maxAttempts !== undefined && ctx.attempt < ctx.maxAttempts;
  if (a.kind === 'unknown' && mappable && recent && retriesLeft) throw new CustomerNotMappedError();
  return unattributed(a, refs.customerId);
}
