/**
 * PayPal webhook events → our normalized events: a typed registry keyed by `event_type`, each entry reading
 * `resource`. Unknown types → `not_supported` (stored and acknowledged).
 */
import type { NormalizedEvent, VerifiedEvent } from '../types.ts';
import {
  decodeCustomId,
  money,
  type Obj,
  obj,
  orderParts,
  str,
  subscriptionSnapshot,
  timeMs,
} from './paypal-objects.ts';

type Base = { provider: 'paypal'; eventId: string; type: string; occurredAt: number };
type Handler = (resource: Obj, base: Base) => NormalizedEvent;

const unsupported = (base: Base): NormalizedEvent => ({ ...base, kind: 'not_supported' });

function captureCompleted(c: Obj, base: Base): NormalizedEvent {
  const orderId = str(obj(obj(c.supplementary_data).related_ids).order_id);
  const paymentId = str(c.id);
  if (!paymentId) return unsupported(base);
  return {
    ...base,
    kind: 'checkout.completed',
    checkoutSessionId: orderId ?? paymentId,
    paymentId,
    paymentStatus: 'paid',
    ...money(c.amount),
    ...decodeCustomId(c.custom_id),
  };
}

/**
 * CHECKOUT.ORDER.APPROVED / COMPLETED. Approved means the buyer finished on PayPal but nothing is captured
 * yet: a checkout.completed with paymentStatus `unpaid` and no payment id. The billing handler captures it
 * (captureCheckout, idempotent with the success page's getCheckout), so a buyer who closes the tab after
 * approving still pays; PAYMENT.CAPTURE.COMPLETED then repeats the same capture id.
 */
function orderEvent(o: Obj, base: Base): NormalizedEvent {
  const { unit, capture } = orderParts(o);
  const id = str(o.id);
  if (!id) return unsupported(base);
  const ref = decodeCustomId(unit.custom_id);
  const paid = o.status === 'COMPLETED' && capture.status === 'COMPLETED';
  return {
    ...base,
    kind: 'checkout.completed',
    checkoutSessionId: id,
    paymentId: paid ? str(capture.id) : undefined,
    paymentStatus: paid ? 'paid' : 'unpaid',
    customerId: str(obj(o.payer).payer_id),
    ...money(unit.amount),
    ...ref,
    productId: ref.productId ?? str(unit.reference_id),
  };
}

function subscription(
  kind: 'subscription.created' | 'subscription.updated' | 'subscription.deleted',
): Handler {
  return (s, base) => {
    const snap = subscriptionSnapshot(s, base.occurredAt);
    return snap.id ? { ...base, kind, subscription: snap } : unsupported(base);
  };
}

function captureFailed(c: Obj, base: Base): NormalizedEvent {
  const paymentId = str(c.id);
  if (!paymentId) return unsupported(base);
  return {
    ...base,
    kind: 'payment.failed',
    paymentId,
    ...money(c.amount),
    failureCode: String(c.status ?? 'declined').toLowerCase(),
  };
}

function subscriptionPaymentFailed(s: Obj, base: Base): NormalizedEvent {
  const failed = obj(obj(s.billing_info).last_failed_payment);
  const id = str(s.id);
  if (!id) return unsupported(base);
  return {
    ...base,
    kind: 'payment.failed',
    paymentId: `${id}@${timeMs(failed.time) ?? base.occurredAt}`,
    subscriptionId: id,
    customerId: str(obj(s.subscriber).payer_id),
    ...money(failed.amount),
    failureCode: str(failed.reason_code)?.toLowerCase() ?? 'payment_failed',
  };
}

/** The refunded capture/sale id is the `up` link's last path segment. */
function refunded(r: Obj, base: Base): NormalizedEvent {
  const links = Array.isArray(r.links) ? r.links.map(obj) : [];
  const up = str(links.find((l) => l.rel === 'up')?.href);
  const paymentId = str(r.sale_id) ?? up?.split('/').filter(Boolean).pop() ?? str(r.id);
  if (!paymentId) return unsupported(base);
  return { ...base, kind: 'refund', paymentId, ...money(r.amount) };
}

function saleCompleted(s: Obj, base: Base): NormalizedEvent {
  const paymentId = str(s.id);
  if (!paymentId) return unsupported(base);
  return {
    ...base,
    kind: 'invoice.paid',
    paymentId,
    subscriptionId: str(s.billing_agreement_id),
    ...money(s.amount),
  };
}

const HANDLERS: Record<string, Handler> = {
  'CHECKOUT.ORDER.APPROVED': orderEvent,
  'CHECKOUT.ORDER.COMPLETED': orderEvent,
  'PAYMENT.CAPTURE.COMPLETED': captureCompleted,
  'PAYMENT.CAPTURE.DENIED': captureFailed,
  'PAYMENT.CAPTURE.DECLINED': captureFailed,
  'PAYMENT.CAPTURE.REFUNDED': refunded,
  'PAYMENT.SALE.COMPLETED': saleCompleted,
  'PAYMENT.SALE.DENIED': (s, base) => {
    const paymentId = str(s.id);
    return paymentId
      ? {
          ...base,
          kind: 'payment.failed',
          paymentId,
          subscriptionId: str(s.billing_agreement_id),
          ...money(s.amount),
          failureCode: 'denied',
        }
      : unsupported(base);
  },
  'PAYMENT.SALE.REFUNDED': refunded,
  'BILLING.SUBSCRIPTION.CREATED': subscription('subscription.created'),
  'BILLING.SUBSCRIPTION.ACTIVATED': subscription('subscription.updated'),
  'BILLING.SUBSCRIPTION.RE-ACTIVATED': subscription('subscription.updated'),
  'BILLING.SUBSCRIPTION.UPDATED': subscription('subscription.updated'),
  'BILLING.SUBSCRIPTION.SUSPENDED': subscription('subscription.updated'),
  'BILLING.SUBSCRIPTION.CANCELLED': subscription('subscription.deleted'),
  'BILLING.SUBSCRIPTION.EXPIRED': subscription('subscription.deleted'),
  'BILLING.SUBSCRIPTION.PAYMENT.FAILED': subscriptionPaymentFailed,
};

export function normalizePaypalEvent(event: VerifiedEvent): NormalizedEvent {
  const base: Base = { provider: 'paypal', eventId: event.id, type: event.type, occurredAt: event.createdAt };
  const handler = HANDLERS[event.type];
  return handler ? handler(obj(obj(event.payload).resource), base) : unsupported(base);
}
