/**
 * Reading Square objects (webhook `data.object.*` and API responses share the same snake_case shape) into
 * our types. Kept apart from the event registry so `getSubscription` builds the exact same snapshot a
 * `subscription.updated` webhook does.
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

/** Square sends int64 fields as numbers in JSON; the SDK gives bigint. Both → number. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'bigint') return Number(v);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function money(v: unknown): { amount: number; currency: string } {
  const m = obj(v);
  return { amount: num(m.amount) ?? 0, currency: (str(m.currency) ?? '').toLowerCase() };
}

function dateMs(v: unknown): number | undefined {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Square subscription status → Stripe's words (DESIGN.md). PAUSED → `unpaid`: like Stripe's unpaid, the
 * subscription still exists and may resume, but grants nothing meanwhile (past_due would keep access).
 * PENDING (starts in the future) → `incomplete`; DEACTIVATED (payment problem ended it) and COMPLETED → canceled.
 */
const STATUS: Record<string, SubscriptionStatus> = {
  ACTIVE: 'active',
  PENDING: 'incomplete',
  PAUSED: 'unpaid',
  CANCELED: 'canceled',
  DEACTIVATED: 'canceled',
  COMPLETED: 'canceled',
};

export function squareStatus(s: unknown): SubscriptionStatus {
  return STATUS[String(s)] ?? 'incomplete';
}

/** Our metadata on the checkout order / payment note: `uigen:<userId>|<productId>` (URI-encoded parts). */
export function encodeReference(userId: string, productId: string): string {
  const v = `uigen:${encodeURIComponent(userId)}|${encodeURIComponent(productId)}`;
  // Square caps order metadata values at 255 characters.
  if (v.length > 255) throw new ValidationError('user or product id too long for Square checkout');
  return v;
}

export function decodeReference(v: unknown): { userId?: string; productId?: string } {
  const s = str(v);
  const m = s ? /^uigen:([^|]+)\|(.+)$/.exec(s) : null;
  if (!m) return {};
  try {
    return { userId: decodeURIComponent(m[1]), productId: decodeURIComponent(m[2]) };
  } catch {
    return {};
  }
}

/** A Square subscription object → snapshot. `version` is Square's own object version, else updated time. */
export function subscriptionSnapshot(sub: Obj, fallbackVersion: number): SubscriptionSnapshot {
  const status = squareStatus(sub.status);
  const canceledDate = dateMs(sub.canceled_date);
  const chargedThrough = dateMs(sub.charged_through_date);
  return {
    provider: 'square',
    id: str(sub.id) ?? '',
    customerId: str(sub.customer_id),
    status,
    priceId: str(sub.plan_variation_id),
    currentPeriodEnd: chargedThrough === undefined ? undefined : Math.floor(chargedThrough / 1000),
    // A future canceled_date on a still-active subscription is Square's "cancel at period end".
    cancelAtPeriodEnd: status !== 'canceled' && canceledDate !== undefined,
    version: num(sub.version) ?? dateMs(sub.updated_at) ?? dateMs(sub.created_at) ?? fallbackVersion,
  };
}
