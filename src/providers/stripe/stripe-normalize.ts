/**
 * Stripe event → our normalized event. One small mapper per event type in a registry; anything not listed is
 * `not_supported` (stored and acknowledged by the caller, never an error).
 *
 * Subscription ordering: Stripe events only carry whole seconds (`created`), so two changes in one second tie.
 * `version = created * 1000 + rank`, where the rank orders the *kinds* within a second (created < updated <
 * deleted) — a deletion can never be undone by an update stamped in the same second. Two updates in the same
 * second still tie; billing should re-fetch (`getSubscription`, versioned by fetch time) when versions are equal.
 */
import type { NormalizedEvent, VerifiedEvent } from '../types.ts';
import {
  idOf,
  invoiceFailureCode,
  invoicePaymentIntentId,
  invoiceSubscriptionId,
  metadataOf,
  num,
  obj,
  type StripeObject,
  str,
  toSnapshot,
} from './stripe-snapshot.ts';

type Base = { provider: 'stripe'; eventId: string; type: string; occurredAt: number };
type Mapper = (object: StripeObject, base: Base, event: VerifiedEvent) => NormalizedEvent;

const SUB_RANK = {
  'subscription.created': 0,
  'subscription.updated': 500,
  'subscription.deleted': 999,
} as const;

function subscription(kind: keyof typeof SUB_RANK): Mapper {
  return (o, base) => ({ ...base, kind, subscription: toSnapshot(o, base.occurredAt + SUB_RANK[kind]) });
}

function checkoutCompleted(o: StripeObject, base: Base): NormalizedEvent {
  const md = metadataOf(o);
  const ps = str(o.payment_status);
  return {
    ...base,
    kind: 'checkout.completed',
    checkoutSessionId: String(o.id),
    userId: str(o.client_reference_id) ?? str(md.uigen_user_id),
    productId: str(md.uigen_product_id),
    customerId: idOf(o.customer),
    subscriptionId: idOf(o.subscription),
    amount: num(o.amount_total),
    currency: str(o.currency),
    paymentId: idOf(o.payment_intent),
    paymentStatus: ps === 'paid' || ps === 'unpaid' || ps === 'no_payment_required' ? ps : undefined,
  };
}

function invoicePaid(o: StripeObject, base: Base): NormalizedEvent {
  return {
    ...base,
    kind: 'invoice.paid',
    // invoice.paid and invoice.payment_succeeded describe one payment: same id → one effect.
    paymentId: String(o.id),
    customerId: idOf(o.customer),
    subscriptionId: invoiceSubscriptionId(o),
    amount: num(o.amount_paid) ?? 0,
    currency: str(o.currency) ?? '',
  };
}

function invoiceFailed(o: StripeObject, base: Base): NormalizedEvent {
  return {
    ...base,
    kind: 'payment.failed',
    paymentId: invoicePaymentIntentId(o) ?? String(o.id),
    customerId: idOf(o.customer),
    subscriptionId: invoiceSubscriptionId(o),
    amount: num(o.amount_due) ?? 0,
    currency: str(o.currency) ?? '',
    failureCode: invoiceFailureCode(o),
    // Only to notify the customer (ops hooks); never stored.
    customerEmail: str(o.customer_email),
  };
}

function paymentIntentFailed(o: StripeObject, base: Base): NormalizedEvent {
  const err = obj(o.last_payment_error);
  return {
    ...base,
    kind: 'payment.failed',
    paymentId: String(o.id),
    customerId: idOf(o.customer),
    amount: num(o.amount) ?? 0,
    currency: str(o.currency) ?? '',
    failureCode: str(err?.decline_code) ?? str(err?.code),
  };
}

function chargeRefunded(o: StripeObject, base: Base): NormalizedEvent {
  return {
    ...base,
    kind: 'refund',
    paymentId: idOf(o.payment_intent) ?? String(o.id),
    customerId: idOf(o.customer),
    amount: num(o.amount_refunded) ?? 0,
    currency: str(o.currency) ?? '',
  };
}

function customerDeleted(o: StripeObject, base: Base): NormalizedEvent {
  return { ...base, kind: 'customer.deleted', customerId: String(o.id) };
}

function paymentMethodAttached(o: StripeObject, base: Base): NormalizedEvent {
  const customerId = idOf(o.customer);
  if (!customerId) return { ...base, kind: 'not_supported' };
  const card = obj(o.card);
  return {
    ...base,
    kind: 'payment_method.updated',
    customerId,
    brand: str(card?.brand),
    last4: str(card?.last4),
  };
}

/** Event type → mapper. Adding a type is one line; unknown types fall through to `not_supported`. */
export const STRIPE_MAPPERS: Readonly<Record<string, Mapper>> = Object.freeze({
  'checkout.session.completed': checkoutCompleted,
  'checkout.session.async_payment_succeeded': checkoutCompleted,
  'customer.subscription.created': subscription('subscription.created'),
  'customer.subscription.updated': subscription('subscription.updated'),
  'customer.subscription.paused': subscription('subscription.updated'),
  'customer.subscription.resumed': subscription('subscription.updated'),
  'customer.subscription.deleted': subscription('subscription.deleted'),
  'invoice.paid': invoicePaid,
  'invoice.payment_succeeded': invoicePaid,
  'invoice.payment_failed': invoiceFailed,
  'payment_intent.payment_failed': paymentIntentFailed,
  'charge.refunded': chargeRefunded,
  'customer.deleted': customerDeleted,
  'payment_method.attached': paymentMethodAttached,
});

/** Pure: verified Stripe event → normalized event. */
export function normalizeStripeEvent(event: VerifiedEvent): NormalizedEvent {
  const base: Base = { provider: 'stripe', eventId: event.id, type: event.type, occurredAt: event.createdAt };
  const object = obj(obj(obj(event.payload)?.data)?.object);
  const mapper = Object.hasOwn(STRIPE_MAPPERS, event.type) ? STRIPE_MAPPERS[event.type] : undefined;
  if (!mapper || !object || typeof object.id !== 'string') return { ...base, kind: 'not_supported' };
  return mapper(object, base, event);
}
