/**
 * The PayPal plan a subscription product bills on. A configured `providerPriceIds.paypal` wins; otherwise a
 * catalog product + billing plan are created once from the spec's price/interval/trial. Both calls carry a
 * PayPal-Request-Id derived from the product's billing terms, so restarts and parallel processes get the
 * same plan back instead of creating duplicates, and a price change in the spec creates a new plan.
 */

import { createHash } from 'node:crypto';
import { type Client, IntervalUnit, SubscriptionsController, TenureType } from '@paypal/paypal-server-sdk';
import { ProviderError } from '../../errors.ts';
import type { Product } from '../../spec/types.ts';
import { wireBody, wrapPaypalError } from './paypal-client.ts';
import { str, toValue } from './paypal-objects.ts';

const UNITS = {
  day: IntervalUnit.Day,
  week: IntervalUnit.Week,
  month: IntervalUnit.Month,
  year: IntervalUnit.Year,
} as const;

function termsKey(p: Product): string {
  const terms = [p.id, p.price, p.currency, p.interval, p.intervalCount ?? 1, p.trialDays ?? 0].join('|');
  return createHash('sha256').update(terms).digest('hex').slice(0, 32);
}

export function createPlanResolver(client: Client, apiRoot: string) {
  const subscriptions = new SubscriptionsController(client);
  const cache = new Map<string, Promise<string>>();

  /** The Catalog Products API is not in the SDK; same auth (the SDK's token manager), plain fetch. */
  async function createCatalogProduct(p: Product, key: string): Promise<string> {
    const token = await client.clientCredentialsAuthManager.fetchToken();
    let res: Response;
    try {
      res = await fetch(`${apiRoot}/v1/catalogs/products`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token.accessToken}`,
          'content-type': 'application/json',
          'paypal-request-id': `uigen-product-${key}`,
        },
        body: JSON.stringify({ name: p.name.slice(0, 127), type: 'SERVICE' }),
        signal: AbortSignal.timeout(15_000),
        redirect: 'manual',
      });
    } catch (cause) {
      throw new ProviderError('paypal', 'provider_unavailable', 'PayPal could not be reached', 503, {
        cause,
      });
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const id = str(body.id);
    if (!res.ok || !id)
      throw new ProviderError('paypal', 'provider_error', 'PayPal rejected the product request', 502);
    return id;
  }

  async function createPlan(p: Product): Promise<string> {
    if (typeof p.price !== 'number' || !p.interval)
      throw new ProviderError('paypal', 'provider_error', 'product cannot be billed on PayPal', 400);
    const key = termsKey(p);
    const productId = await createCatalogProduct(p, key);
    const regular = {
      frequency: { intervalUnit: UNITS[p.interval], intervalCount: p.intervalCount ?? 1 },
      tenureType: TenureType.Regular,
      totalCycles: 0,
      pricingScheme: {
        fixedPrice: { currencyCode: p.currency.toUpperCase(), value: toValue(p.price, p.currency) },
      },
    };
    const trial = p.trialDays
      ? [
          {
            frequency: { intervalUnit: IntervalUnit.Day, intervalCount: p.trialDays },
            tenureType: TenureType.Trial,
            sequence: 1,
            totalCycles: 1,
          },
        ]
      : [];
    try {
      const res = await subscriptions.createBillingPlan({
        paypalRequestId: `uigen-plan-${key}`,
        prefer: 'return=representation',
        body: {
          productId,
          name: p.name.slice(0, 127),
          billingCycles: [...trial, { ...regular, sequence: trial.length + 1 }],
          paymentPreferences: { autoBillOutstanding: true, paymentFailureThreshold: 3 },
        },
      });
      const id = str(wireBody(res).id);
      if (!id) throw new ProviderError('paypal', 'provider_error', 'PayPal returned no plan id', 502);
      return id;
    } catch (e) {
      wrapPaypalError(e, 'plan');
    }
  }

  return (p: Product): Promise<string> => {
    const configured = p.providerPriceIds?.paypal;
    if (configured) return Promise.resolve(configured);
    const key = termsKey(p);
    let plan = cache.get(key);
    if (!plan) {
      plan = createPlan(p);
      cache.set(key, plan);
      plan.catch(() => cache.delete(key));
    }
    return plan;
  };
}
