/** A complete PaymentsConfig for ops tests; override only what a test is about. */
import { DEFAULT_RETENTION, defaultAlerts } from '../../../src/spec/defaults.ts';
import type { AlertsConfig, PaymentsConfig } from '../../../src/spec/types.ts';

/** The spec defaults, with no sinks (tests add theirs) and flagged users' checkout paused. */
export function testAlerts(over: Partial<AlertsConfig> = {}): AlertsConfig {
  return { ...defaultAlerts(), sinks: [], dedupeMinutes: 60, pauseCheckoutOnFlag: true, ...over };
}

export function testConfig(
  alerts: Partial<AlertsConfig> = {},
  over: Partial<PaymentsConfig> = {},
): PaymentsConfig {
  return {
    file: '/tmp/openapi.yaml',
    providers: [
      {
        provider: 'stripe',
        mode: 'test',
        currency: 'usd',
        apiKey: 'sk_test_x',
        webhookSecrets: ['whsec_test'],
      },
    ],
    successUrl: 'http://localhost:3000/payment/success',
    cancelUrl: 'http://localhost:3000/payment/cancel',
    products: [
      {
        id: 'pro-monthly',
        name: 'Pro',
        type: 'subscription',
        price: 2900,
        currency: 'usd',
        interval: 'month',
        features: [],
        plan: 'pro',
      },
    ],
    pricingPage: { enabled: true, source: 'inline' },
    monetized: [],
    alerts: testAlerts(alerts),
    retention: { ...DEFAULT_RETENTION },
    rateLimit: { checkoutPerMinute: 5, apiPerMinute: 120 },
    webhookMaxBytes: 262_144,
    ...over,
  };
}
