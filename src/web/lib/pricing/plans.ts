/** Pure pricing-page logic, kept apart from the JSX so it is easy to test and reuse. */
import type { Interval, PaymentStatus, Product } from '../api/types.ts';

export type BillingPeriod = 'month' | 'year';

/** Statuses that still mean "this is my plan" on a pricing page. */
const HOLDING = new Set(['active', 'trialing', 'past_due']);

export function isFree(product: Product): boolean {
  return product.price === 0;
}

export function isCustom(product: Product): boolean {
  return product.price === 'custom';
}

function isPeriodic(interval: Interval | undefined): interval is BillingPeriod {
  return interval === 'month' || interval === 'year';
}

/** The toggle appears only when some paid product is monthly and another yearly. */
export function hasPeriodToggle(products: readonly Product[]): boolean {
  const paid = products.filter((p) => typeof p.price === 'number' && p.price > 0);
  return paid.some((p) => p.interval === 'month') && paid.some((p) => p.interval === 'year');
}

const planKey = (p: Product) => p.plan ?? p.name;

/**
 * Products to show for the chosen period. Free, custom and one-time products show under both; a paid plan
 * shows its other-period price only when it has none for this period (a monthly-only Team plan stays visible
 * under "Yearly" rather than vanishing).
 */
export function visibleProducts(products: readonly Product[], period: BillingPeriod): Product[] {
  if (!hasPeriodToggle(products)) return [...products];
  const hasCounterpart = (p: Product) =>
    products.some((q) => planKey(q) === planKey(p) && q.interval === period);
  return products.filter(
    (p) => isFree(p) || isCustom(p) || !isPeriodic(p.interval) || p.interval === period || !hasCounterpart(p),
  );
}

/**
 * Best yearly saving versus paying monthly for the same plan, as a whole percentage (0 when none), to
 * label the yearly option honestly.
 */
export function yearlySavingPercent(products: readonly Product[]): number {
  let best = 0;
  for (const yearly of products) {
    if (yearly.interval !== 'year' || typeof yearly.price !== 'number') continue;
    const monthly = products.find(
      (p) => p.interval === 'month' && planKey(p) === planKey(yearly) && p.currency === yearly.currency,
    );
    if (!monthly || typeof monthly.price !== 'number' || monthly.price <= 0) continue;
    const saving = 1 - yearly.price / (monthly.price * 12);
    best = Math.max(best, saving);
  }
  return Math.floor(best * 100);
}

/** Whether `product` is the caller's current plan, from `/me`. */
export function isCurrentProduct(product: Product, me: PaymentStatus | undefined): boolean {
  if (!me) return false;
  const held = me.subscriptions.filter((s) => HOLDING.has(s.status));
  if (held.some((s) => s.productId === product.id)) return true;
  if (isFree(product)) return held.length === 0 && (me.plan === 'free' || me.plan === product.plan);
  return false;
}
