/**
 * Customer-level events. payment_method.updated stores brand + last 4 only. customer.deleted cancels the
 * user's subscriptions with that provider, as a snapshot versioned at the event time, so a later renewal
 * snapshot still wins and an older one cannot resurrect them. A recent event for a customer not mapped yet
 * is retried (the checkout event that maps it may be behind it).
 */
import { maskId } from '../../redact.ts';
import { attribute, unattributedOrRetry } from '../attribution.ts';
import type { EventHandler } from '../types.ts';

export const paymentMethodUpdated: EventHandler<'payment_method.updated'> = {
  async apply(tx, event, ctx) {
    const who = await attribute(tx, { provider: event.provider, customerId: event.customerId });
    if (who.kind !== 'user') return unattributedOrRetry(who, event, ctx);
    await tx.customers.setPaymentMethod({
      provider: event.provider,
      customerId: event.customerId,
      brand: event.brand ?? null,
      last4: event.last4 ?? null,
      now: ctx.now,
    });
    return {
      outcome: 'applied',
      userId: who.userId,
      customerId: event.customerId,
      details: { customer: maskId(event.customerId), brand: event.brand },
    };
  },
};

export const customerDeleted: EventHandler<'customer.deleted'> = {
  async apply(tx, event, ctx) {
    const who = await attribute(tx, { provider: event.provider, customerId: event.customerId });
    if (who.kind !== 'user') return unattributedOrRetry(who, event, ctx);
    const subs = (await tx.subscriptions.listByUser(who.userId)).filter(
      (s) => s.provider === event.provider && s.status !== 'canceled',
    );
    let canceled = 0;
    for (const s of subs) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = s;
      const r = await tx.subscriptions.applySnapshot({
        ...rest,
        status: 'canceled',
        cancelAtPeriodEnd: false,
        version: event.occurredAt,
        now: ctx.now,
      });
      if (r === 'applied') canceled++;
    }
    return {
      outcome: 'applied',
      userId: who.userId,
      customerId: event.customerId,
      details: { customer: maskId(event.customerId), canceled },
    };
  },
};
