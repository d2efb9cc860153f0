/**
 * checkout.completed: links the provider customer to the user who started the checkout, closes our checkout
 * record, records a one-time payment once it is paid, and — for subscriptions — re-reads the subscription from the provider
 * rather than trusting the (possibly old) event payload. A failed re-read throws, so the event is retried.
 *
 * An approval that moved no money yet (PayPal CHECKOUT.ORDER.APPROVED) is captured here, before the
 * transaction: the buyer may never come back to the success page that would otherwise take it. The capture is
 * idempotent with the success page's, and a failed one throws, so the event is retried.
 */
import { PaymentsError } from '../../errors.ts';
import { maskId } from '../../redact.ts';
import { attribute, unattributed } from '../attribution.ts';
import { findProduct } from '../plans.ts';
import { applySnapshot } from '../snapshot.ts';
import type { ApplyContext, EventHandler, EventOfKind } from '../types.ts';

/**
 * An approved, uncaptured one-time checkout of ours. "Ours" = it echoes a user and one of our products, which
 * only our server writes into the order (PayPal custom_id); anything else is not ours to capture.
 */
function awaitsCapture(event: EventOfKind<'checkout.completed'>, ctx: ApplyContext): boolean {
  return (
    event.paymentStatus === 'unpaid' &&
    !event.paymentId &&
    !event.subscriptionId &&
    !!event.userId &&
    findProduct(ctx.config, event.productId)?.type === 'one_time'
  );
}

export const checkoutCompleted: EventHandler<'checkout.completed'> = {
  async prepare(event, ctx) {
    const provider = ctx.providers.get(event.provider);
    if (provider?.captureCheckout && awaitsCapture(event, ctx))
      return { checkout: await provider.captureCheckout(event.checkoutSessionId) };
    if (!event.subscriptionId) return {};
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
    // A capture we made answers the approval: paid (or voided) as the provider now says, with its payment id.
    const captured = ctx.prepared.checkout;
    const paid = captured
      ? {
          paymentId: captured.paymentId,
          amount: captured.amount ?? event.amount,
          currency: captured.currency ?? event.currency,
          paymentStatus: captured.paymentStatus,
        }
      : event;
    const closeAs = captured?.status ?? 'complete';
    if (record && closeAs !== 'open' && record.status !== 'complete' && record.status !== closeAs)
      await tx.checkouts.setStatus(event.provider, event.checkoutSessionId, closeAs, ctx.now);
    if (captured) details.captured = captured.paymentStatus;

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
      paid.paymentId &&
      paid.amount !== undefined &&
      paid.currency &&
      paid.paymentStatus !== 'unpaid'
    ) {
      // `unpaid` = a delayed payment method: the money (and its own completion event) arrives later.
      // Keyed by the provider payment id: the capture's own webhook later records the same row, not a second.
      details.payment = await tx.payments.record({
        provider: event.provider,
        providerPaymentId: paid.paymentId,
        userId,
        subscriptionId: null,
        amount: paid.amount,
        currency: paid.currency,
        status: 'paid',
        failureCode: null,
        createdAt: event.occurredAt,
      });
    }
    return { outcome: 'applied', userId, customerId: event.customerId, details: { ...details, productId } };
  },
};
