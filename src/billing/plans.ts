/**
 * Product → plan mapping from the frozen config. The only place that knows how a provider price or product id
 * becomes one of our plans, so handlers and entitlements agree.
 */
import type { PaymentsConfig, Product, ProviderName } from '../spec/types.ts';

export function findProduct(
  config: PaymentsConfig,
  productId: string | null | undefined,
): Product | undefined {
  if (!productId) return undefined;
  return config.products.find((p) => p.id === productId);
}

/** Our product for a provider price id (pre-created prices in `providerPriceIds`). */
export function productForPrice(
  config: PaymentsConfig,
  provider: ProviderName,
  priceId: string | undefined,
): Product | undefined {
  if (!priceId) return undefined;
  return config.products.find((p) => p.providerPriceIds?.[provider] === priceId);
}

/** The plan a product grants: its explicit `plan`, else its id (a paid product always grants something). */
export function planOf(product: Product): string {
  return product.plan ?? product.id;
}

/** Resolve our product from what the adapter could tell: our product id first, else the provider price id. */
export function resolveProduct(
  config: PaymentsConfig,
  provider: ProviderName,
  ids: { productId?: string | null; priceId?: string },
): Product | undefined {
  return findProduct(config, ids.productId) ?? productForPrice(config, provider, ids.priceId);
}
