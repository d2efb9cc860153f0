/**
 * subscription.created / updated / deleted: set the row from the event's snapshot. The owner is the user of the
 * row we already hold, else the customer mapping, else the userId metadata we set at checkout; with none of
 * those the event is recorded as unknown_customer and no user is created.
 */
import { maskId } from '../../redact.ts';
import { attribute, unattributed } from '../attribution.ts';
import { applySnapshot } from '../snapshot.ts';
import type { EventHandler } from '../types.ts';

export const subscriptionChanged: EventHandler<
  'subscription.created' | 'subscription.updated' | 'subscription.deleted'
> = {
  async apply(tx, event, ctx) {
    const snap = event.subscription;
    const existing = await tx.subscriptions.findByProviderId(snap.provider, snap.id);
    const who = await attribute(tx, {
      provider: snap.provider,
      customerId: snap.customerId,
      owned: existing?.userId,
      metadata: snap.userId,
    });
    if (who.kind !== 'user') return unattributed(who, snap.customerId);
    const result = await applySnapshot(
      tx,
      snap,
      { userId: who.userId, productId: existing?.productId },
      ctx.config,
      ctx.now,
    );
    return {
      outcome: result,
      userId: who.userId,
      customerId: snap.customerId,
      details: { subscription: maskId(snap.id), status: snap.status, version: snap.version },
    };
  },
};
