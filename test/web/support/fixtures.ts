/** Shared test data: a realistic public config and `/me` answers for every billing state. */
import type { PaymentStatus, PublicConfig, SubscriptionSummary } from '../../../src/web/lib/api/types.ts';

export const CHECKOUT_ORIGIN = 'https://checkout.stripe.com';

export function publicConfig(overrides: Partial<PublicConfig> = {}): PublicConfig {
  return {
    providers: [{ provider: 'stripe', mode: 'test', currency: 'usd', publishableKey: 'pk_test_demo' }],
    products: [
      {
        id: 'free',
        name: 'Free',
        type: 'subscription',
        price: 0,
        currency: 'usd',
        features: ['1 project'],
        plan: 'free',
      },
      {
        id: 'pro-monthly',
        name: 'Pro',
        type: 'subscription',
        price: 2900,
        currency: 'usd',
        interval: 'month',
        features: ['Unlimited projects', 'Reports API'],
        highlighted: true,
        trialDays: 14,
        plan: 'pro',
      },
      {
        id: 'pro-yearly',
        name: 'Pro',
        type: 'subscription',
        price: 29000,
        currency: 'usd',
        interval: 'year',
        features: ['Unlimited projects', 'Reports API'],
        highlighted: true,
        plan: 'pro',
      },
      {
        id: 'enterprise',
        name: 'Enterprise',
        type: 'subscription',
        price: 'custom',
        currency: 'usd',
        features: ['SSO', 'Support SLA'],
        plan: 'enterprise',
      },
    ],
    pricingPage: { enabled: true, source: 'inline', title: 'Plans for every team' },
    checkoutOrigins: [CHECKOUT_ORIGIN],
    capabilities: { devSignIn: true, portal: { stripe: true } },
    ...overrides,
  };
}

/** 2027-03-03T12:00:00Z */
export const PERIOD_END = 1804075200;

export function subscription(overrides: Partial<SubscriptionSummary> = {}): SubscriptionSummary {
  return {
    id: 'sub_1',
    provider: 'stripe',
    productId: 'pro-monthly',
    plan: 'pro',
    status: 'active',
    currentPeriodEnd: PERIOD_END,
    cancelAtPeriodEnd: false,
    ...overrides,
  };
}

export function me(overrides: Partial<PaymentStatus> = {}): PaymentStatus {
  return {
    userId: 'u_alice',
    plan: 'free',
    entitlements: [],
    subscriptions: [],
    paymentMethod: null,
    ...overrides,
  };
}

export function proMe(sub: Partial<SubscriptionSummary> = {}): PaymentStatus {
  return me({
    plan: 'pro',
    entitlements: ['pro'],
    subscriptions: [subscription(sub)],
    paymentMethod: { brand: 'visa', last4: '4242' },
  });
}
