/**
 * The browser-safe projection served at `GET /api/payments/config`. Built from an allow-list of fields, never
 * by deleting secrets from a copy, and every string is scrubbed of secret-looking values as a second layer:
 * a key pasted into a product description must not reach a browser even if validation was bypassed.
 */
import { looksLikeSecret, scrubSecrets } from './secret-patterns.ts';
import type { PaymentsConfig, PricingPageConfig, Product, PublicConfig } from './types.ts';

export function toPublicConfig(config: PaymentsConfig): PublicConfig {
  return {
    providers: config.providers.map((p) => {
      const out: PublicConfig['providers'][number] = {
        provider: clean(p.provider) as typeof p.provider,
        mode: clean(p.mode) as typeof p.mode,
        currency: clean(p.currency),
      };
      if (p.provider === 'stripe' && isPublic(p.publishableKey)) out.publishableKey = p.publishableKey;
      if (p.provider === 'paypal' && isPublic(p.clientId)) out.clientId = p.clientId;
      if (p.provider === 'square' && isPublic(p.applicationId)) out.applicationId = p.applicationId;
      return out;
    }),
    products: config.products.map(publicProduct),
    pricingPage: publicPricingPage(config.pricingPage),
  };
}

/** A public key is dropped entirely (not scrubbed) if it looks secret: a half key is useless anyway. */
function isPublic(value: string | undefined): value is string {
  return (
    typeof value === 'string' && value !== '' && !looksLikeSecret(value) && !/^(?:sk|rk)_|^whsec_/.test(value)
  );
}

const clean = (s: string) => scrubSecrets(String(s));

function publicProduct(p: Product): Product {
  const out: Product = {
    id: clean(p.id),
    name: clean(p.name),
    type: clean(p.type) as Product['type'],
    price: typeof p.price === 'number' ? p.price : 'custom',
    currency: clean(p.currency),
    features: p.features.map(clean),
  };
  if (p.description !== undefined) out.description = clean(p.description);
  if (p.interval !== undefined) out.interval = clean(p.interval) as Product['interval'];
  if (p.intervalCount !== undefined) out.intervalCount = p.intervalCount;
  if (p.highlighted !== undefined) out.highlighted = p.highlighted;
  if (p.trialDays !== undefined) out.trialDays = p.trialDays;
  if (p.plan !== undefined) out.plan = clean(p.plan);
  return out;
}

function publicPricingPage(pp: PricingPageConfig): PricingPageConfig {
  const out: PricingPageConfig = {
    enabled: pp.enabled === true,
    source: clean(pp.source) as PricingPageConfig['source'],
  };
  for (const k of ['endpoint', 'component', 'title', 'subtitle'] as const) {
    if (pp[k] !== undefined) out[k] = clean(pp[k]);
  }
  if (pp.products) out.products = pp.products.map(clean);
  return out;
}
