/** Defaults for the operational blocks of `x-uigen-payments` (alerts, retention, rate limits, webhooks). */
import type { AlertsConfig, RateLimitConfig, RetentionConfig } from './types.ts';

export const DEFAULT_RETENTION: Readonly<RetentionConfig> = Object.freeze({
  paymentsDays: 2555, // 7 years: tax and chargeback records
  webhookPayloadDays: 90,
  dedupeDays: 30,
  auditLogDays: 2555,
});

/** Providers retry webhooks for days; forgetting event ids sooner lets a duplicate apply twice. */
export const MIN_DEDUPE_DAYS = 30;

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitConfig> = Object.freeze({
  checkoutPerMinute: 5,
  apiPerMinute: 120,
});

export const DEFAULT_WEBHOOK_MAX_BYTES = 262_144;

export function defaultAlerts(): AlertsConfig {
  return {
    sinks: [{ type: 'log' }],
    failedPayments: { threshold: 3, windowMinutes: 60 },
    checkoutVelocity: { threshold: 10, windowMinutes: 10 },
    webhookFailureRate: { threshold: 0.1, windowMinutes: 5 },
    inboxLagSeconds: 300,
    dedupeMinutes: 15,
    notifyCustomer: true,
    pauseCheckoutOnFlag: false,
  };
}
