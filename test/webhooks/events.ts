/**
 * Config and signed Stripe event bodies for the webhook/billing suites. No vitest imports: the SIGKILL test's
 * child process loads this too.
 */

import { signStripePayload } from '../../src/providers/stripe/stripe-test-signer.ts';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETENTION,
  DEFAULT_WEBHOOK_MAX_BYTES,
  defaultAlerts,
} from '../../src/spec/defaults.ts';
import type { PaymentsConfig, StripeProviderConfig } from '../../src/spec/types.ts';

export const WEBHOOK_SECRET = 'whsec_test_harness_secret_0123456789';

export function stripeConfig(): StripeProviderConfig {
  return {
    provider: 'stripe',
    mode: 'test',
    currency: 'usd',
    apiKey: 'sk_test_harness0000000000',
    webhookSecrets: [WEBHOOK_SECRET],
  };
}

export function testConfig(overrides: Partial<PaymentsConfig> = {}): PaymentsConfig {
  return {
    file: '/tmp/openapi.yaml',
    providers: [stripeConfig()],
    successUrl: 'https://app.example.com/payment/success',
    cancelUrl: 'https://app.example.com/payment/cancel',
    products: [
      {
        id: 'pro-monthly',
        name: 'Pro',
        type: 'subscription',
        price: 2900,
        currency: 'usd',
        interval: 'month',
        features: ['reports', 'export'],
        plan: 'pro',
        providerPriceIds: { stripe: 'price_pro' },
      },
      {
        id: 'team-monthly',
        name: 'Team',
        type: 'subscription',
        price: 9900,
        currency: 'usd',
        interval: 'month',
        features: ['reports', 'seats'],
        plan: 'team',
      },
      {
        id: 'report-pack',
        name: 'Report pack',
        type: 'one_time',
        price: 500,
        currency: 'usd',
        features: ['one-report'],
      },
    ],
    pricingPage: { enabled: true, source: 'inline' },
    monetized: [],
    alerts: defaultAlerts(),
    retention: { ...DEFAULT_RETENTION },
    rateLimit: { ...DEFAULT_RATE_LIMIT },
    webhookMaxBytes: DEFAULT_WEBHOOK_MAX_BYTES,
    ...overrides,
  };
}

let seq = 0;
/** A unique id with a Stripe-like prefix. */
export function uid(prefix: string): string {
  seq++;
  return `${prefix}_${process.pid}${Date.now().toString(36)}${seq}`;
}

/** A full (v1 snapshot) Stripe event body. `created` in epoch seconds. */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  opts: { id?: string; created?: number } = {},
): string {
  return JSON.stringify({
    id: opts.id ?? uid('evt'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created: opts.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object },
  });
}

export function subscriptionObject(p: {
  id: string;
  customer: string;
  status: string;
  userId?: string;
  productId?: string;
  periodEnd?: number;
  cancelAtPeriodEnd?: boolean;
}) {
  return {
    id: p.id,
    object: 'subscription',
    customer: p.customer,
    status: p.status,
    cancel_at_period_end: p.cancelAtPeriodEnd ?? false,
    metadata: {
      ...(p.userId ? { uigen_user_id: p.userId } : {}),
      ...(p.productId ? { uigen_product_id: p.productId } : {}),
    },
    items: {
      object: 'list',
      data: [
        {
          id: 'si_1',
          current_period_end: p.periodEnd ?? Math.floor(Date.now() / 1000) + 30 * 86400,
          price: { id: 'price_pro' },
        },
      ],
    },
  };
}

/** A completed subscription-mode Checkout Session we created for `userId` (client_reference_id). */
export function checkoutSessionObject(p: {
  id: string;
  userId: string;
  customer: string;
  subscription: string;
}) {
  return {
    id: p.id,
    object: 'checkout.session',
    mode: 'subscription',
    client_reference_id: p.userId,
    customer: p.customer,
    subscription: p.subscription,
    payment_status: 'paid',
    metadata: {},
  };
}

export function invoiceObject(p: { id: string; customer: string; subscription?: string; amount?: number }) {
  return {
    id: p.id,
    object: 'invoice',
    customer: p.customer,
    subscription: p.subscription,
    amount_paid: p.amount ?? 2900,
    currency: 'usd',
    status: 'paid',
  };
}

export function signedHeaders(
  body: string,
  opts: { secret?: string; timestamp?: number } = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'stripe-signature': signStripePayload(body, opts.secret ?? WEBHOOK_SECRET, { timestamp: opts.timestamp }),
  };
}
