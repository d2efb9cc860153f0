/**
 * checkout.completed: links the provider customer to the user who started the checkout, closes our checkout
 * record, records a one-time payment once it is paid, and — for subscriptions — re-reads the subscription from the provider
 * rather than trusting the (possibly old) event payload. A failed re-read throws, so the event is retried.
 */
import { PaymentsError } from '../../errors.ts';
import { maskId } from '../../redact.ts';
import { attribute, unattributed } from '../attribution.ts';
import { applySnapshot } from '../snapshot.ts';
import type { EventHandler } from '../types.ts';

export const checkoutCompleted: EventHandler<'checkout.completed'> = {
  async prepare(event, ctx) {
    if (!event.subscriptionId) return {};
    const provider = ctx.providers.get(event.provider);
    if (!provider) throw new PaymentsError('provider_not_configured', 'provider is not configured', 500);
    return { subscription: await provider.getSubscription(event.subscriptionId) };
  },

  async apply(tx, event, ctx) {
    const record = await tx.checkouts.getByProviderSession(event.provider, event.checkoutSessionId);
    // Our checkout record outranks the echoed metadata; a mismatch means the metadata is not ours to trust.
    const who = await attribute(tx, {
      provider: event.provider,
      customerId: event.customerId,
      owned: record?.userId,
      metadata: event.userId,
    });
    if (who.kind !== 'user') return unattributed(who, event.customerId);
    const { userId } = who;
    const details: Record<string, unknown> = {
      session: maskId(event.checkoutSessionId),
      customer: maskId(event.customerId),
    };
    if (record && event.userId && record.userId !== event.userId) details.metadataMismatch = true;

    if (event.customerId)
      await tx.customers.upsert({
        userId,
        provider: event.provider,
        customerId: event.customerId,
        now: ctx.now,
      });
    // The card event may have arrived before this customer was ours; the re-read subscription carries it.
    const card = ctx.prepared.subscription?.paymentMethod;
    if (event.customerId && card?.last4) {
      await tx.customers.setPaymentMethod({
        provider: event.provider,
        customerId: event.customerId,
        brand: card.brand,
        last4: card.last4,
        now: ctx.now,
      });
    }
    if (record && record.status !== 'complete')
      await tx.checkouts.setStatus(event.provider, event.checkoutSessionId, 'complete', ctx.now);

    const productId = record?.productId ?? event.productId;
    if (ctx.prepared.subscription) {
      details.subscription = await applySnapshot(
        tx,
        ctx.prepared.subscription,
        { userId, productId },
        ctx.config,
        ctx.now,
      );
    } else if (
      event.paymentId &&
      event.amount !== undefined &&
      event.currency &&
      event.paymentStatus !== 'unpaid'
    ) {
      // `unpaid` = a delayed payment method: the money (and its own completion event) arrives later.
      details.payment = await tx.payments.record({
        provider: event.provider,
        providerPaymentId: event.paymentId,
        userId,
        subscriptionId: null,
        amount: event.amount,
        currency: event.currency,
        status: 'paid',
        failureCode: null,
        createdAt: event.occurredAt,
      });
    }
    return { outcome: 'applied', userId, customerId: event.customerId, details: { ...details, productId } };
  },
};
