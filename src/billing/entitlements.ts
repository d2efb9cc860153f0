/**
 * What a user may use right now, derived only from stored subscription state and the config. Pure: the API's
 * `/me`, the 402 gate and the UI all call this, so they can never disagree.
 */
import type { PaymentsConfig } from '../spec/types.ts';
import type { SubscriptionRecord } from '../store/types.ts';
import { findProduct, planOf } from './plans.ts';

export const FREE_PLAN = 'free';

/**
 * Grace rule for `past_due`: the provider is still retrying the renewal, so access continues until the end of
 * the period that was paid for — then stops even if the provider keeps retrying. `unpaid` and `incomplete`
 * never grant: no money has been collected for the current period.
 */
export function grants(sub: SubscriptionRecord, nowMs: number): boolean {
  const periodEndMs = sub.currentPeriodEnd === null ? null : sub.currentPeriodEnd * 1000;
  const withinPeriod = periodEndMs === null || nowMs < periodEndMs;
  switch (sub.status) {
    case 'active':
    case 'trialing':
      // cancelAtPeriodEnd keeps access until the period ends; an elapsed period we never heard about renewing
      // still grants (the renewal webhook may be late) unless it was set to cancel.
      return sub.cancelAtPeriodEnd ? withinPeriod : true;
    case 'past_due':
      return periodEndMs !== null && nowMs < periodEndMs;
    case 'canceled':
      // A cancellation scheduled for period end that we stored as canceled early still honours the paid period.
      return sub.cancelAtPeriodEnd && periodEndMs !== null && nowMs < periodEndMs;
    default:
      return false;
  }
}

export interface Entitlements {
  /** Best plan granted, `free` when none. */
  plan: string;
  /** Every plan granted, best first. */
  plans: string[];
  /** Union of the features of the granted products, in config order, without duplicates. */
  entitlements: string[];
}

/** Rank of a plan: the highest numeric price among products carrying it (custom-priced products rank highest). */
function planRanks(config: PaymentsConfig): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const p of config.products) {
    const price = p.price === 'custom' ? Number.POSITIVE_INFINITY : p.price;
    const plan = planOf(p);
    ranks.set(plan, Math.max(ranks.get(plan) ?? Number.NEGATIVE_INFINITY, price));
  }
  return ranks;
}

export function computeEntitlements(
  subs: SubscriptionRecord[],
  config: PaymentsConfig,
  now: number,
): Entitlements {
  const granted = new Set<string>();
  const features = new Set<string>();
  const grantedProducts = new Set<string>();
  for (const sub of subs) {
    if (!grants(sub, now)) continue;
    const product = findProduct(config, sub.productId);
    const plan = sub.plan ?? (product ? planOf(product) : null);
    if (!plan) continue;
    granted.add(plan);
    if (product) grantedProducts.add(product.id);
  }
  // Config order keeps the features list stable across calls.
  for (const p of config.products) if (grantedProducts.has(p.id)) for (const f of p.features) features.add(f);
  const ranks = planRanks(config);
  const plans = [...granted].sort((a, b) => (ranks.get(b) ?? 0) - (ranks.get(a) ?? 0) || a.localeCompare(b));
  return { plan: plans[0] ?? FREE_PLAN, plans, entitlements: [...features] };
}

/** Does any granted plan satisfy `required`? Empty `required` = any paid plan; `free` in it = everyone. */
export function planCovers(granted: string[], required: string[]): boolean {
  if (required.length === 0) return granted.some((p) => p !== FREE_PLAN);
  if (required.includes(FREE_PLAN)) return true;
  return required.some((r) => granted.includes(r));
}
