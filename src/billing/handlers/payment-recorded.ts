/**
 * invoice.paid / payment.failed / refund: one payments row per (provider payment id, status), so two event ids
 * describing the same charge have one effect. The user comes from the customer mapping or the subscription
 * row we hold; an invoice that arrives before its checkout.completed has neither yet, so a recent one is
 * retried until the checkout event has mapped its customer (unknown_customer only once retries run out).
 */
import { maskId } from '../../redact.ts';
import type { PaymentRecord } from '../../store/types.ts';
import { attribute, unattributedOrRetry } from '../attribution.ts';
import type { EventHandler } from '../types.ts';

const STATUS: Record<'invoice.paid' | 'payment.failed' | 'refund', PaymentRecord['status']> = {
  'invoice.paid': 'paid',
  'payment.failed': 'failed',
  refund: 'refunded',
};

export const paymentRecorded: EventHandler<'invoice.paid' | 'payment.failed' | 'refund'> = {
  async apply(tx, event, ctx) {
    const subscriptionId = 'subscriptionId' in event ? event.subscriptionId : undefined;
    const sub = subscriptionId
      ? await tx.subscriptions.findByProviderId(event.provider, subscriptionId)
      : undefined;
    const who = await attribute(tx, {
      provider: event.provider,
      customerId: event.customerId,
      owned: sub?.userId,
    });
    if (who.kind !== 'user')
      return unattributedOrRetry(
        who,
        { customerId: event.customerId, subscriptionId, occurredAt: event.occurredAt },
        ctx,
      );
    const failureCode = event.kind === 'payment.failed' ? (event.failureCode ?? null) : null;
    const result = await tx.payments.record({
      provider: event.provider,
      providerPaymentId: event.paymentId,
      userId: who.userId,
      subscriptionId: sub?.id ?? null,
      amount: event.amount,
      currency: event.currency,
      status: STATUS[event.kind],
      failureCode,
      createdAt: event.occurredAt,
    });
    return {
      outcome: 'applied',
      userId: who.userId,
      customerId: event.customerId,
      details: {
        payment: maskId(event.paymentId),
        amount: event.amount,
        currency: event.currency,
        failureCode,
        result,
      },
    };
  },
};
