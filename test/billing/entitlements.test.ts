import { describe, expect, it } from 'vitest';
import { computeEntitlements, planCovers } from '../../src/billing/entitlements.ts';
import type { SubscriptionRecord } from '../../src/store/types.ts';
import { testConfig } from '../webhooks/events.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400;
const config = testConfig();

function sub(p: Partial<SubscriptionRecord>): SubscriptionRecord {
  return {
    id: 'sub_x',
    userId: 'u1',
    provider: 'stripe',
    providerSubscriptionId: 'sub_p',
    productId: 'pro-monthly',
    plan: 'pro',
    status: 'active',
    currentPeriodEnd: NOW / 1000 + 10 * DAY,
    cancelAtPeriodEnd: false,
    version: 1,
    createdAt: 0,
    updatedAt: 0,
    ...p,
  };
}

describe('computeEntitlements', () => {
  it('no subscription → free, nothing granted', () => {
    expect(computeEntitlements([], config, NOW)).toEqual({ plan: 'free', plans: [], entitlements: [] });
  });

  it('active and trialing grant their product plan and features', () => {
    expect(computeEntitlements([sub({})], config, NOW)).toEqual({
      plan: 'pro',
      plans: ['pro'],
      entitlements: ['reports', 'export'],
    });
    expect(computeEntitlements([sub({ status: 'trialing' })], config, NOW).plan).toBe('pro');
  });

  it('best plan is ranked by product price; features are the union without duplicates', () => {
    const r = computeEntitlements(
      [sub({}), sub({ id: 's2', productId: 'team-monthly', plan: 'team' })],
      config,
      NOW,
    );
    expect(r.plan).toBe('team');
    expect(r.plans).toEqual(['team', 'pro']);
    expect(r.entitlements).toEqual(['reports', 'export', 'seats']);
  });

  it('past_due grants only until the paid period ends', () => {
    expect(computeEntitlements([sub({ status: 'past_due' })], config, NOW).plan).toBe('pro');
    expect(
      computeEntitlements([sub({ status: 'past_due', currentPeriodEnd: NOW / 1000 - 1 })], config, NOW).plan,
    ).toBe('free');
  });

  it('cancel at period end keeps access until currentPeriodEnd, then not', () => {
    const s = sub({ cancelAtPeriodEnd: true, currentPeriodEnd: NOW / 1000 + DAY });
    expect(computeEntitlements([s], config, NOW).plan).toBe('pro');
    expect(computeEntitlements([s], config, NOW + 2 * DAY * 1000).plan).toBe('free');
    expect(computeEntitlements([{ ...s, status: 'canceled' }], config, NOW).plan).toBe('pro');
    expect(computeEntitlements([{ ...s, status: 'canceled' }], config, NOW + 2 * DAY * 1000).plan).toBe(
      'free',
    );
  });

  it('canceled, unpaid and incomplete grant nothing', () => {
    for (const status of ['canceled', 'unpaid', 'incomplete'] as const) {
      expect(computeEntitlements([sub({ status })], config, NOW)).toEqual({
        plan: 'free',
        plans: [],
        entitlements: [],
      });
    }
  });
});

describe('planCovers', () => {
  it('empty required = any paid plan', () => {
    expect(planCovers(['pro'], [])).toBe(true);
    expect(planCovers([], [])).toBe(false);
    expect(planCovers(['free'], [])).toBe(false);
  });
  it('needs one of the required plans', () => {
    expect(planCovers(['pro'], ['team'])).toBe(false);
    expect(planCovers(['pro', 'team'], ['team'])).toBe(true);
    expect(planCovers([], ['free'])).toBe(true);
  });
});
