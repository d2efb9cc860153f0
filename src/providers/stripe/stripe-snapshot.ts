/**
 * Reading Stripe objects into our shapes. Stripe's 2025 API versions moved fields (subscription period dates
 * onto items, `invoice.subscription` under `invoice.parent.subscription_details`), and events signed before an
 * account upgrade keep the old shape, so every reader here accepts both.
 */
import type { SubscriptionSnapshot, SubscriptionStatus } from '../types.ts';

/** A loosely typed Stripe object: events are untrusted-shape JSON even after the signature checks out. */
export type StripeObject = Record<string, unknown>;

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function obj(v: unknown): StripeObject | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as StripeObject) : undefined;
}

/** An id field that may be a string or an expanded object. */
export function idOf(v: unknown): string | undefined {
  return str(v) ?? str(obj(v)?.id);
}

export function metadataOf(o: StripeObject): Record<string, unknown> {
  return obj(o.metadata) ?? {};
}

function firstItem(list: unknown): StripeObject | undefined {
  const data = obj(list)?.data;
  return Array.isArray(data) ? obj(data[0]) : undefined;
}

const STATUS: Record<string, SubscriptionStatus> = {
  active: 'active',
  trialing: 'trialing',
  past_due: 'past_due',
  canceled: 'canceled',
  incomplete: 'incomplete',
  unpaid: 'unpaid',
  // No payment is being collected, so nothing is granted.
  incomplete_expired: 'canceled',
  paused: 'unpaid',
};

export function mapStatus(s: unknown): SubscriptionStatus {
  return STATUS[String(s)] ?? 'incomplete';
}

/** Subscription object → snapshot. `version` is supplied by the caller (event time or fetch time). */
export function toSnapshot(sub: StripeObject, version: number): SubscriptionSnapshot {
  const item = firstItem(sub.items);
  const md = metadataOf(sub);
  return {
    provider: 'stripe',
    id: String(sub.id),
    customerId: idOf(sub.customer),
    status: mapStatus(sub.status),
    productId: str(md.uigen_product_id),
    priceId: idOf(item?.price) ?? idOf(obj(sub.plan)),
    // New API versions keep the period on the item; older ones on the subscription.
    currentPeriodEnd: num(item?.current_period_end) ?? num(sub.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end === true,
    version,
    userId: str(md.uigen_user_id),
  };
}

/** `invoice.subscription` (old) or `invoice.parent.subscription_details.subscription` (2025+). */
export function invoiceSubscriptionId(inv: StripeObject): string | undefined {
  const fromParent = idOf(obj(obj(inv.parent)?.subscription_details)?.subscription);
  const fromLine = idOf(obj(obj(firstItem(inv.lines)?.parent)?.subscription_item_details)?.subscription);
  return idOf(inv.subscription) ?? fromParent ?? fromLine;
}

/** The payment intent behind an invoice, in either shape; used so one failure has one payment id. */
export function invoicePaymentIntentId(inv: StripeObject): string | undefined {
  const payment = obj(firstItem(inv.payments)?.payment);
  return idOf(inv.payment_intent) ?? idOf(payment?.payment_intent);
}

/** Failure code of an invoice: finalization error, or the expanded charge's failure code (old shape). */
export function invoiceFailureCode(inv: StripeObject): string | undefined {
  const charge = obj(inv.charge);
  return (
    str(obj(inv.last_finalization_error)?.code) ??
    str(charge?.failure_code) ??
    str(obj(obj(inv.payment_intent)?.last_payment_error)?.code)
  );
}
