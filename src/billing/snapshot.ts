/**
 * Writing a provider subscription snapshot: state is *set* from the newest snapshot, and the store's version
 * compare drops an older one, so out-of-order and repeated deliveries converge on the same row.
 */
import type { SubscriptionSnapshot } from '../providers/types.ts';
import type { PaymentsConfig } from '../spec/types.ts';
import type { Repos } from '../store/types.ts';
import { planOf, resolveProduct } from './plans.ts';

export async function applySnapshot(
  tx: Repos,
  snap: SubscriptionSnapshot,
  owner: { userId: string; productId?: string | null },
  config: PaymentsConfig,
  now: number,
): Promise<'applied' | 'stale'> {
  const product = resolveProduct(config, snap.provider, {
    productId: snap.productId ?? owner.productId,
    priceId: snap.priceId,
  });
  return tx.subscriptions.applySnapshot({
    userId: owner.userId,
    provider: snap.provider,
    providerSubscriptionId: snap.id,
    productId: product?.id ?? snap.productId ?? owner.productId ?? null,
    plan: product ? planOf(product) : null,
    status: snap.status,
    currentPeriodEnd: snap.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
    version: snap.version,
    now,
  });
}
