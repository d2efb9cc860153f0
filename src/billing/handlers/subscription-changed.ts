/**
 * subscription.created / updated / deleted: set the row from the event's snapshot. The owner is the user of the
 * row we already hold, else the customer mapping, else the userId metadata we set at checkout; with none of
 * those a recent event is retried (its checkout.completed may still be on the way), else recorded as
 * unknown_customer, and no user is created.
 */
import { maskId } from '../../redact.ts';
import { attribute, unattributedOrRetry } from '../attribution.ts';
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
    if (who.kind !== 'user')
      return unattributedOrRetry(
        who,
        { customerId: snap.customerId, subscriptionId: snap.id, occurredAt: event.occurredAt },
        ctx,
      );
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
