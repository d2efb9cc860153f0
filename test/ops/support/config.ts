/** A complete PaymentsConfig for ops tests; override only what a test is about. */
import type { AlertsConfig, PaymentsConfig } from '../../../src/spec/types.ts';

export function testAlerts(over: Partial<AlertsConfig> = {}): AlertsConfig {
  return {
    sinks: [],
    failedPayments: { threshold: 3, windowMinutes: 60 },
    checkoutVelocity: { threshold: 10, windowMinutes: 10 },
    webhookFailureRate: { threshold: 0.1, windowMinutes: 5 },
    inboxLagSeconds: 300,
    dedupeMinutes: 60,
    notifyCustomer: true,
    pauseCheckoutOnFlag: true,
    ...over,
  };
}

export function testConfig(alerts: Partial<AlertsConfig> = {}, over: Partial<PaymentsConfig> = {}): PaymentsConfig {
  return {
    file: '/tmp/openapi.yaml',
    providers: [{ provider: 'stripe', mode: 'test', currency: 'usd', apiKey: 'sk_test_x', webhookSecrets: ['whsec_test'] }],
    successUrl: 'http://localhost:3000/payment/success',
    cancelUrl: 'http://localhost:3000/payment/cancel',
    products: [{ id: 'pro-monthly', name: 'Pro', type: 'subscription', price: 2900, currency: 'usd', interval: 'month', features: [], plan: 'pro' }],
    pricingPage: { enabled: true, source: 'inline' },
    monetized: [],
    alerts: testAlerts(alerts),
    retention: { paymentsDays: 2555, webhookPayloadDays: 90, dedupeDays: 30, auditLogDays: 2555 },
    rateLimit: { checkoutPerMinute: 5, apiPerMinute: 120 },
    webhookMaxBytes: 262_144,
    ...over,
  };
}
