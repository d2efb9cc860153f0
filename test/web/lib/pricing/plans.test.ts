import { describe, expect, it } from 'vitest';
import {
  hasPeriodToggle,
  isCurrentProduct,
  visibleProducts,
  yearlySavingPercent,
} from '../../../../src/web/lib/pricing/plans.ts';
import { me, proMe, publicConfig, subscription } from '../../support/fixtures.ts';

const products = publicConfig().products;

describe('pricing plan logic', () => {
  it('offers the period toggle only when paid monthly and yearly products both exist', () => {
    expect(hasPeriodToggle(products)).toBe(true);
    expect(hasPeriodToggle(products.filter((p) => p.interval !== 'year'))).toBe(false);
  });

  it('shows free and custom plans under both periods, paid ones only under theirs', () => {
    expect(visibleProducts(products, 'month').map((p) => p.id)).toEqual([
      'free',
      'pro-monthly',
      'enterprise',
    ]);
    expect(visibleProducts(products, 'year').map((p) => p.id)).toEqual(['free', 'pro-yearly', 'enterprise']);
  });

  it('keeps a monthly-only plan visible under "Yearly" instead of hiding it', () => {
    const team = { ...products[1], id: 'team-monthly', name: 'Team', plan: 'team', price: 9900 };
    const withTeam = [...products, team];
    expect(visibleProducts(withTeam, 'year').map((p) => p.id)).toEqual([
      'free',
      'pro-yearly',
      'enterprise',
      'team-monthly',
    ]);
  });

  it('computes the honest yearly saving (290 vs 12×29 → 16%)', () => {
    expect(yearlySavingPercent(products)).toBe(16);
  });

  it('marks the subscribed product current, and the free plan only when nothing is held', () => {
    const pro = products.find((p) => p.id === 'pro-monthly')!;
    const free = products.find((p) => p.id === 'free')!;
    expect(isCurrentProduct(pro, proMe())).toBe(true);
    expect(isCurrentProduct(free, proMe())).toBe(false);
    expect(isCurrentProduct(free, me())).toBe(true);
    expect(isCurrentProduct(pro, me({ subscriptions: [subscription({ status: 'canceled' })] }))).toBe(false);
    expect(isCurrentProduct(pro, undefined)).toBe(false);
  });
});
