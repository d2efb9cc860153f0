import type { Interval, Product } from '../api/types.ts';

const UNIT: Record<Interval, string> = { day: 'day', week: 'week', month: 'month', year: 'year' };

/** "/month", "/year", "every 3 months"; '' for one-time products. */
export function intervalSuffix(product: Pick<Product, 'interval' | 'intervalCount'>): string {
  if (!product.interval) return '';
  const count = product.intervalCount ?? 1;
  const unit = UNIT[product.interval];
  return count === 1 ? `/${unit}` : `every ${count} ${unit}s`;
}
