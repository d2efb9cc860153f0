/**
 * Square webhook events → our normalized events. A typed registry keyed by Square's event type: each entry
 * reads `data.object.<kind>` and returns one normalized event. Unknown types become `not_supported`
 * (stored and acknowledged, never an error).
 */
import type { NormalizedEvent, VerifiedEvent } from '../types.ts';
import { decodeReference, money, type Obj, obj, str, subscriptionSnapshot } from './square-objects.ts';

type Base = { provider: 'square'; eventId: string; type: string; occurredAt: number };
type Handler = (object: Obj, base: Base, data: Obj) => NormalizedEvent;

function payment(p: Obj, base: Base): NormalizedEvent {
  const { amount, currency } = money(p.total_money ?? p.amount_money);
  const paymentId = str(p.id) ?? '';
  const customerId = str(p.customer_id);
  if (p.status === 'COMPLETED' && str(p.order_id)) {
    // The checkout session id we hand out for Square is the payment link's order id (see square-checkout.ts).
    const ref = decodeReference(p.note);
    return {
      ...base,
      kind: 'checkout.completed',
      checkoutSessionId: str(p.order_id)!,
      paymentId,
      paymentStatus: 'paid',
      customerId,
      amount,
      currency,
      ...ref,
    };
  }
  if (p.status === 'FAILED') {
    return {
      ...base,
      kind: 'payment.failed',
      paymentId,
      customerId,
      amount,
      currency,
      failureCode: 'payment_failed',
    };
  }
  return { ...base, kind: 'not_supported' };
}

function subscription(kind: 'subscription.created' | 'subscription.updated'): Handler {
  return (s, base) => {
    const snap = subscriptionSnapshot(s, base.occurredAt);
    if (!snap.id) return { ...base, kind: 'not_supported' };
    const k = kind === 'subscription.updated' && snap.status === 'canceled' ? 'subscription.deleted' : kind;
    return { ...base, kind: k, subscription: snap };
  };
}

/** What was paid (payment_made) or what was due (a failed charge completed nothing). */
function invoiceMoney(inv: Obj, field: 'total_completed_amount_money' | 'computed_amount_money') {
  const req = obj(Array.isArray(inv.payment_requests) ? inv.payment_requests[0] : undefined);
  return money(req[field] ?? req.computed_amount_money);
}

function invoiceIds(inv: Obj) {
  return {
    paymentId: str(inv.id) ?? '',
    customerId: str(obj(inv.primary_recipient).customer_id),
    subscriptionId: str(inv.subscription_id),
  };
}

const HANDLERS: Record<string, { key: string; handle: Handler }> = {
  'payment.created': { key: 'payment', handle: payment },
  'payment.updated': { key: 'payment', handle: payment },
  'subscription.created': { key: 'subscription', handle: subscription('subscription.created') },
  'subscription.updated': { key: 'subscription', handle: subscription('subscription.updated') },
  'invoice.payment_made': {
    key: 'invoice',
    handle: (inv, base) => ({
      ...base,
      kind: 'invoice.paid',
      ...invoiceIds(inv),
      ...invoiceMoney(inv, 'total_completed_amount_money'),
    }),
  },
  'invoice.scheduled_charge_failed': {
    key: 'invoice',
    handle: (inv, base) => ({
      ...base,
      kind: 'payment.failed',
      ...invoiceIds(inv),
      ...invoiceMoney(inv, 'computed_amount_money'),
      failureCode: 'scheduled_charge_failed',
    }),
  },
  'refund.created': { key: 'refund', handle: refund },
  'refund.updated': { key: 'refund', handle: refund },
  'customer.deleted': {
    key: 'customer',
    handle: (c, base, data) => {
      const customerId = str(c.id) ?? str(data.id);
      return customerId
        ? { ...base, kind: 'customer.deleted', customerId }
        : { ...base, kind: 'not_supported' };
    },
  },
};

function refund(r: Obj, base: Base): NormalizedEvent {
  // Only a completed refund moves money; PENDING/REJECTED/FAILED are recorded but change nothing.
  if (r.status !== 'COMPLETED') return { ...base, kind: 'not_supported' };
  return { ...base, kind: 'refund', paymentId: str(r.payment_id) ?? '', ...money(r.amount_money) };
}

export function normalizeSquareEvent(event: VerifiedEvent): NormalizedEvent {
  const base: Base = { provider: 'square', eventId: event.id, type: event.type, occurredAt: event.createdAt };
  const entry = HANDLERS[event.type];
  if (!entry) return { ...base, kind: 'not_supported' };
  const data = obj(obj(event.payload).data);
  return entry.handle(obj(obj(data.object)[entry.key]), base, data);
}
