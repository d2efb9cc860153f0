/**
 * Shared set-up for the webhook and billing suites: a real store on either dialect, a config with two plans,
 * the real Stripe adapter (verification + normalization) with `getSubscription` answered locally (the Stripe
 * API is unreachable here), signed Stripe event bodies, and a real Fastify app on 127.0.0.1:0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { ProviderError } from '../../src/errors.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { createMetrics, type Metrics } from '../../src/ops/metrics.ts';
import { createStripeProvider } from '../../src/providers/stripe/index.ts';
import { signStripePayload } from '../../src/providers/stripe/stripe-test-signer.ts';
import type { PaymentProvider, SubscriptionSnapshot } from '../../src/providers/types.ts';
import type { PaymentsConfig, ProviderName, StripeProviderConfig } from '../../src/spec/types.ts';
import { generateDevKeys, openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { registerWebhookRoutes } from '../../src/webhooks/route.ts';
import { createTestDatabase } from '../support/pg.ts';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export const WEBHOOK_SECRET = 'whsec_test_harness_secret_0123456789';

export interface TestStore {
  store: Store;
  databaseUrl: string;
  keys: { encryptionKeys: string; blindIndexKey: string };
  close(): Promise<void>;
}

/** A migrated store on a fresh SQLite file or a fresh PostgreSQL database. */
export async function openTestStore(dialect: TestDialect): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'uigen-wh-'));
  const databaseUrl = dialect === 'sqlite' ? `sqlite:${join(dir, 'payments.db')}` : await createTestDatabase('wh');
  const keys = generateDevKeys();
  const store = await openStore({ databaseUrl, ...keys, nodeEnv: 'test' });
  await store.migrate();
  return {
    store,
    databaseUrl,
    keys,
    async close() {
      await store.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function stripeConfig(): StripeProviderConfig {
  return { provider: 'stripe', mode: 'test', currency: 'usd', apiKey: 'sk_test_harness0000000000', webhookSecrets: [WEBHOOK_SECRET] };
}

export function testConfig(overrides: Partial<PaymentsConfig> = {}): PaymentsConfig {
  return {
    file: '/tmp/openapi.yaml',
    providers: [stripeConfig()],
    successUrl: 'https://app.example.com/payment/success',
    cancelUrl: 'https://app.example.com/payment/cancel',
    products: [
      { id: 'pro-monthly', name: 'Pro', type: 'subscription', price: 2900, currency: 'usd', interval: 'month', features: ['reports', 'export'], plan: 'pro', providerPriceIds: { stripe: 'price_pro' } },
      { id: 'team-monthly', name: 'Team', type: 'subscription', price: 9900, currency: 'usd', interval: 'month', features: ['reports', 'seats'], plan: 'team' },
      { id: 'report-pack', name: 'Report pack', type: 'one_time', price: 500, currency: 'usd', features: ['one-report'] },
    ],
    pricingPage: { enabled: true, source: 'inline' },
    monetized: [],
    alerts: {
      sinks: [],
      failedPayments: { threshold: 3, windowMinutes: 60 },
      checkoutVelocity: { threshold: 10, windowMinutes: 10 },
      webhookFailureRate: { threshold: 0.5, windowMinutes: 10 },
      inboxLagSeconds: 60,
      dedupeMinutes: 30,
      notifyCustomer: false,
      pauseCheckoutOnFlag: false,
    },
    retention: { paymentsDays: 2555, webhookPayloadDays: 90, dedupeDays: 30, auditLogDays: 2555 },
    rateLimit: { checkoutPerMinute: 5, apiPerMinute: 120 },
    webhookMaxBytes: 256 * 1024,
    ...overrides,
  };
}

/** The provider's side of subscriptions, for `getSubscription` re-reads; `failReads` simulates an API outage. */
export class FakeSubscriptions {
  readonly byId = new Map<string, SubscriptionSnapshot>();
  failReads = false;
  reads = 0;
  async get(id: string): Promise<SubscriptionSnapshot> {
    this.reads++;
    if (this.failReads) throw new ProviderError('stripe', 'provider_unavailable', 'provider temporarily unavailable', 503);
    const s = this.byId.get(id);
    if (!s) throw new ProviderError('stripe', 'not_found', 'subscription not found', 404);
    return s;
  }
}

export function testProviders(subs = new FakeSubscriptions(), now?: () => number): Map<ProviderName, PaymentProvider> {
  const real = createStripeProvider(stripeConfig(), { now });
  const stripe: PaymentProvider = Object.assign(Object.create(real) as PaymentProvider, real, { getSubscription: (id: string) => subs.get(id) });
  return new Map([['stripe', stripe]]);
}

let seq = 0;
/** A unique id with a Stripe-like prefix. */
export function uid(prefix: string): string {
  seq++;
  return `${prefix}_${process.pid}${Date.now().toString(36)}${seq}`;
}

/** A full (v1 snapshot) Stripe event body. `created` in epoch seconds. */
export function stripeEvent(type: string, object: Record<string, unknown>, opts: { id?: string; created?: number } = {}): string {
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

export function subscriptionObject(p: { id: string; customer: string; status: string; userId?: string; productId?: string; periodEnd?: number; cancelAtPeriodEnd?: boolean }) {
  return {
    id: p.id,
    object: 'subscription',
    customer: p.customer,
    status: p.status,
    cancel_at_period_end: p.cancelAtPeriodEnd ?? false,
    metadata: { ...(p.userId ? { uigen_user_id: p.userId } : {}), ...(p.productId ? { uigen_product_id: p.productId } : {}) },
    items: { object: 'list', data: [{ id: 'si_1', current_period_end: p.periodEnd ?? Math.floor(Date.now() / 1000) + 30 * 86400, price: { id: 'price_pro' } }] },
  };
}

export function invoiceObject(p: { id: string; customer: string; subscription?: string; amount?: number }) {
  return { id: p.id, object: 'invoice', customer: p.customer, subscription: p.subscription, amount_paid: p.amount ?? 2900, currency: 'usd', status: 'paid' };
}

export function signedHeaders(body: string, opts: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  return { 'content-type': 'application/json', 'stripe-signature': signStripePayload(body, opts.secret ?? WEBHOOK_SECRET, { timestamp: opts.timestamp }) };
}

/** Logger writing JSON lines into an array, so tests can assert what was (not) logged. */
export function captureLogger(level = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(l);
      cb();
    },
  });
  return { logger: createLogger({ level, destination: sink }), lines };
}

export interface TestApp {
  app: FastifyInstance;
  url: string;
  metrics: Metrics;
  lines: string[];
  post(body: string | Buffer, headers: Record<string, string>, provider?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startApp(store: Store, opts: { config?: PaymentsConfig; providers?: Map<ProviderName, PaymentProvider> } = {}): Promise<TestApp> {
  const config = opts.config ?? testConfig();
  const { logger, lines } = captureLogger();
  const metrics = createMetrics();
  const app = Fastify({ logger: false });
  await registerWebhookRoutes(app, { config, providers: opts.providers ?? testProviders(), store, logger, metrics });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    metrics,
    lines,
    post: (body, headers, provider = 'stripe') => fetch(`${url}/webhooks/${provider}`, { method: 'POST', body: body as BodyInit, headers }),
    close: () => app.close(),
  };
}
