/**
 * `products`: what can be bought. Prices are integers in minor units (or 'custom' for contact-sales), so
 * the currency's exponent decides the amount: 2900 is $29.00 but ¥2900.
 */
import { z } from 'zod';
import { currencyExponent, currencyProblem, THREE_DECIMAL } from '../currencies.ts';
import { join } from '../pointer.ts';
import type { Interval, Product, ProviderName } from '../types.ts';
import type { RuleContext } from './context.ts';
import { keysOf, parseShape, warnUnknownKeys } from './shape.ts';

export const MAX_PRODUCTS = 50;
/** Stripe's largest amount (8 digits of minor units); the other providers accept at least that. */
const MAX_PRICE = 99_999_999;
/** Longest billing period providers accept: three years. */
const MAX_INTERVAL_COUNT: Record<Interval, number> = { day: 1095, week: 156, month: 36, year: 3 };
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const productSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  type: z.enum(['subscription', 'one_time']).optional(),
  price: z.union([z.number(), z.literal('custom')]),
  currency: z.string().min(1).optional(),
  interval: z.enum(['day', 'week', 'month', 'year']).optional(),
  intervalCount: z.number().optional(),
  features: z.array(z.unknown()).optional(),
  highlighted: z.boolean().optional(),
  trialDays: z.number().optional(),
  plan: z.string().optional(),
  providerPriceIds: z.record(z.enum(['stripe', 'paypal', 'square']), z.string().min(1)).optional(),
});

export interface ProductContext {
  /** Currency of the first provider: the default for products that name none. */
  defaultCurrency: string;
  /** Ids declared so far, valid or not (shared with pricingPage.products). */
  ids: Set<string>;
  /** Plan names declared by products, valid or not: a broken product must not also break every plan reference. */
  plans: Set<string>;
}

export function buildProducts(
  ctx: RuleContext,
  raw: unknown,
  pointer: string,
  pc: ProductContext,
): Product[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    ctx.report.error('E_TYPE', pointer, 'must be a list of products');
    return [];
  }
  if (raw.length > MAX_PRODUCTS) {
    ctx.report.error(
      'E_TOO_MANY_PRODUCTS',
      pointer,
      `has ${raw.length} products; at most ${MAX_PRODUCTS} are allowed`,
    );
  }
  const out: Product[] = [];
  raw.forEach((entry, i) => {
    const product = buildProduct(ctx, entry, join(pointer, i), pc);
    if (product) out.push(product);
  });
  return out;
}

export function buildProduct(
  ctx: RuleContext,
  entry: unknown,
  p: string,
  pc: ProductContext,
): Product | undefined {
  warnUnknownKeys(ctx.report, entry, keysOf(productSchema), p);
  const declared = (entry ?? {}) as { id?: unknown; plan?: unknown };
  if (typeof declared.plan === 'string') pc.plans.add(declared.plan);
  const s = parseShape(ctx.report, productSchema, entry, p);
  if (!s && typeof declared.id === 'string') pc.ids.add(declared.id);
  if (!s) return undefined;
  const errorsBefore = ctx.report.errorCount;
  const err = (code: string, field: string, message: string, index?: number) =>
    ctx.report.error(code, index === undefined ? join(p, field) : join(p, field, index), message);

  if (!ID.test(s.id))
    err(
      'E_PRODUCT_ID',
      'id',
      'must be 1–64 letters, digits, - or _ (it ends up in URLs and provider metadata)',
    );
  else if (pc.ids.has(s.id)) err('E_PRODUCT_DUPLICATE_ID', 'id', `'${s.id}' is used by another product`);
  pc.ids.add(s.id);

  const currency = s.currency ?? pc.defaultCurrency;
  const problem = currencyProblem(currency);
  // An inherited bad currency is reported once, at the provider.
  if (problem && s.currency !== undefined) err('E_CURRENCY', 'currency', problem);
  if (s.price !== 'custom')
    checkPrice(s.price, problem ? 'usd' : currency, (m) => err('E_PRICE', 'price', m));

  const type = s.type ?? (s.interval ? 'subscription' : 'one_time');
  if (type === 'subscription' && !s.interval)
    err('E_INTERVAL_REQUIRED', 'interval', 'is required for a subscription (day | week | month | year)');
  if (type === 'one_time' && s.interval)
    err('E_INTERVAL_UNEXPECTED', 'interval', 'is only for subscriptions (type is one_time)');
  if (s.intervalCount !== undefined) {
    const max = s.interval ? MAX_INTERVAL_COUNT[s.interval] : Number.POSITIVE_INFINITY;
    if (!Number.isInteger(s.intervalCount) || s.intervalCount < 1 || s.intervalCount > max) {
      err(
        'E_INTERVAL_COUNT',
        'intervalCount',
        `must be an integer from 1 to ${Number.isFinite(max) ? max : '…'}`,
      );
    }
  }
  if (s.trialDays !== undefined) {
    if (type !== 'subscription') err('E_TRIAL_DAYS', 'trialDays', 'is only for subscriptions');
    else if (!Number.isInteger(s.trialDays) || s.trialDays < 0 || s.trialDays > 730) {
      err('E_TRIAL_DAYS', 'trialDays', 'must be an integer from 0 to 730');
    }
  }
  const features: string[] = [];
  (s.features ?? []).forEach((f, j) => {
    if (typeof f !== 'string' || f.trim() === '')
      err('E_FEATURE_EMPTY', 'features', 'must be a non-empty string', j);
    else features.push(f);
  });
  if (s.plan !== undefined && !ID.test(s.plan))
    err('E_PLAN_NAME', 'plan', 'must be 1–64 letters, digits, - or _');
  if (ctx.report.errorCount !== errorsBefore) return undefined;

  return {
    id: s.id,
    name: s.name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    type,
    price: s.price,
    currency,
    ...(s.interval ? { interval: s.interval, intervalCount: s.intervalCount ?? 1 } : {}),
    features,
    ...(s.highlighted !== undefined ? { highlighted: s.highlighted } : {}),
    ...(s.trialDays !== undefined ? { trialDays: s.trialDays } : {}),
    ...(s.plan !== undefined ? { plan: s.plan } : {}),
    ...(s.providerPriceIds
      ? { providerPriceIds: s.providerPriceIds as Partial<Record<ProviderName, string>> }
      : {}),
  };
}

function checkPrice(price: number, currency: string, fail: (message: string) => void): void {
  const exp = currencyExponent(currency);
  if (!Number.isInteger(price) || price < 0) {
    const unit =
      exp === 0 ? `whole ${currency} (a zero-decimal currency)` : `minor units (1/${10 ** exp} ${currency})`;
    fail(`must be a non-negative integer in ${unit}, or 'custom'; got ${price}`);
  } else if (price > MAX_PRICE) {
    fail(`is above the largest amount providers accept (${MAX_PRICE} minor units)`);
  } else if (THREE_DECIMAL.has(currency) && price % 10 !== 0) {
    fail(`must end in 0 for the three-decimal currency ${currency}`);
  }
}
