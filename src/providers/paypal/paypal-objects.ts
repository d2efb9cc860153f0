/**
 * Reading PayPal resources (webhook `resource` and REST responses share one shape) into our types, so
 * `getSubscription` and `BILLING.SUBSCRIPTION.*` webhooks build the same snapshot.
 */
import { ValidationError } from '../../errors.ts';
import type { SubscriptionSnapshot, SubscriptionStatus } from '../types.ts';

export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function timeMs(v: unknown): number | undefined {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isFinite(t) ? t : undefined;
}

/** An order's first purchase unit and that unit's first capture (`{}` when there is none yet). */
export function orderParts(order: Obj): { unit: Obj; capture: Obj } {
  const unit = obj(Array.isArray(order.purchase_units) ? order.purchase_units[0] : undefined);
  const captures = obj(unit.payments).captures;
  return { unit, capture: obj(Array.isArray(captures) ? captures[0] : undefined) };
}

/** Currencies PayPal amounts carry without decimals. */
const ZERO_DECIMAL = new Set(['jpy', 'huf', 'twd', 'krw', 'clp', 'vnd', 'isk']);

/** `{value: "29.00", currency_code: "USD"}` → minor units + lowercase currency. */
export function money(v: unknown): { amount: number; currency: string } {
  const m = obj(v);
  const currency = (str(m.currency_code) ?? str(m.currency) ?? '').toLowerCase();
  const value = Number(str(m.value) ?? str(m.total) ?? Number.NaN);
  if (!Number.isFinite(value)) return { amount: 0, currency };
  return { amount: ZERO_DECIMAL.has(currency) ? Math.round(value) : Math.round(value * 100), currency };
}

/** Minor units → PayPal's decimal string. */
export function toValue(amount: number, currency: string): string {
  return ZERO_DECIMAL.has(currency.toLowerCase()) ? String(amount) : (amount / 100).toFixed(2);
}

/**
 * `custom_id` we set at order/subscription creation (server-side, never from the browser): the user id and
 * our product id, URI-encoded, so the webhook alone can attribute the payment. A bare value is a user id.
 */
export function encodeCustomId(userId: string, productId: string): string {
  const v = `uigen:${encodeURIComponent(userId)}|${encodeURIComponent(productId)}`;
  // PayPal caps custom_id at 127 characters; a truncated user id could name somebody else.
  if (v.length > 127) throw new ValidationError('user or product id too long for PayPal checkout');
  return v;
}

export function decodeCustomId(v: unknown): { userId?: string; productId?: string } {
  const s = str(v);
  if (!s) return {};
  const m = /^uigen:([^|]+)\|(.+)$/.exec(s);
  if (!m) return { userId: s };
  try {
    return { userId: decodeURIComponent(m[1]), productId: decodeURIComponent(m[2]) };
  } catch {
    return {};
  }
}

/** SUSPENDED is what PayPal does after failed payments → past_due; not-yet-approved → incomplete. */
const STATUS: Record<string, SubscriptionStatus> = {
  APPROVAL_PENDING: 'incomplete',
  APPROVED: 'incomplete',
  ACTIVE: 'active',
  SUSPENDED: 'past_due',
  CANCELLED: 'canceled',
  EXPIRED: 'canceled',
};

export function paypalStatus(s: unknown): SubscriptionStatus {
  return STATUS[String(s)] ?? 'incomplete';
}

/** ACTIVE while the TRIAL billing cycle has cycles left is Stripe's `trialing`. */
function inTrial(sub: Obj): boolean {
  const cycles = obj(sub.billing_info).cycle_executions;
  const trial = Array.isArray(cycles) ? cycles.map(obj).find((c) => c.tenure_type === 'TRIAL') : undefined;
  return !!trial && Number(trial.cycles_completed ?? 0) < Number(trial.total_cycles ?? 0);
}

export function subscriptionSnapshot(sub: Obj, fallbackVersion: number): SubscriptionSnapshot {
  const status = paypalStatus(sub.status);
  const next = timeMs(obj(sub.billing_info).next_billing_time);
  return {
    provider: 'paypal',
    id: str(sub.id) ?? '',
    customerId: str(obj(sub.subscriber).payer_id),
    status: status === 'active' && inTrial(sub) ? 'trialing' : status,
    priceId: str(sub.plan_id),
    currentPeriodEnd: next === undefined ? undefined : Math.floor(next / 1000),
    cancelAtPeriodEnd: false, // PayPal cancels immediately
    version:
      timeMs(sub.update_time) ?? timeMs(sub.status_update_time) ?? timeMs(sub.create_time) ?? fallbackVersion,
    ...decodeCustomId(sub.custom_id),
  };
}
