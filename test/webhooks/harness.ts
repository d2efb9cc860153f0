/**
 * Shared set-up for the webhook and billing suites: a real store on either dialect, the real Stripe adapter (verification + normalization) with `getSubscription` answered locally (the Stripe
 * API is unreachable here), signed Stripe event bodies, and a real Fastify app on 127.0.0.1:0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { ProviderError } from '../../src/errors.ts';
import { createLogger, type Logger, silentLogger } from '../../src/log.ts';
import { createMetrics, type Metrics } from '../../src/ops/metrics.ts';
import { createStripeProvider } from '../../src/providers/stripe/index.ts';
import type { PaymentProvider, SubscriptionSnapshot } from '../../src/providers/types.ts';
import type { PaymentsConfig, ProviderName } from '../../src/spec/types.ts';
import { generateDevKeys, openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { registerWebhookRoutes } from '../../src/webhooks/route.ts';
import { startWorker, type Worker, type WorkerDeps } from '../../src/webhooks/worker.ts';
import { createTestDatabase } from '../support/pg.ts';
import { signedHeaders, stripeConfig, testConfig, uid } from './events.ts';

export * from './events.ts';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export interface TestStore {
  store: Store;
  databaseUrl: string;
  keys: { encryptionKeys: string; blindIndexKey: string };
  close(): Promise<void>;
}

/** A migrated store on a fresh SQLite file or a fresh PostgreSQL database. */
export async function openTestStore(dialect: TestDialect): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'uigen-wh-'));
  const databaseUrl =
    dialect === 'sqlite' ? `sqlite:${join(dir, 'payments.db')}` : await createTestDatabase('wh');
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

/** The provider's side of subscriptions, for `getSubscription` re-reads; `failReads` simulates an API outage. */
export class FakeSubscriptions {
  readonly byId = new Map<string, SubscriptionSnapshot>();
  failReads = false;
  reads = 0;
  async get(id: string): Promise<SubscriptionSnapshot> {
    this.reads++;
    if (this.failReads)
      throw new ProviderError('stripe', 'provider_unavailable', 'provider temporarily unavailable', 503);
    const s = this.byId.get(id);
    if (!s) throw new ProviderError('stripe', 'not_found', 'subscription not found', 404);
    return s;
  }
}

/** A subscription as the provider reports it on a re-read: active on Pro for a month unless told otherwise. */
export function providerSubscription(
  p: Partial<SubscriptionSnapshot> & { id: string; customerId: string },
): SubscriptionSnapshot {
  return {
    provider: 'stripe',
    status: 'active',
    cancelAtPeriodEnd: false,
    version: Date.now(),
    currentPeriodEnd: Math.floor(Date.now() / 1000) + 30 * 86_400,
    ...p,
  };
}

/** Our open checkout record for a provider session, as POST /api/payments/checkout stores it. */
export function recordCheckout(
  store: Store,
  p: { userId: string; session: string; productId?: string; provider?: ProviderName; url?: string },
): Promise<void> {
  return store.checkouts.create({
    id: uid('chk'),
    userId: p.userId,
    productId: p.productId ?? 'pro-monthly',
    provider: p.provider ?? 'stripe',
    providerSessionId: p.session,
    url: p.url ?? 'https://checkout.example/x',
    idempotencyKey: uid('idem'),
    status: 'open',
    createdAt: Date.now(),
  });
}

export function testProviders(
  subs = new FakeSubscriptions(),
  now?: () => number,
): Map<ProviderName, PaymentProvider> {
  const real = createStripeProvider(stripeConfig(), { now });
  const stripe: PaymentProvider = Object.assign(Object.create(real) as PaymentProvider, real, {
    getSubscription: (id: string) => subs.get(id),
  });
  return new Map([['stripe', stripe]]);
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

export async function startApp(
  store: Store,
  opts: { config?: PaymentsConfig; providers?: Map<ProviderName, PaymentProvider> } = {},
): Promise<TestApp> {
  const config = opts.config ?? testConfig();
  const { logger, lines } = captureLogger();
  const metrics = createMetrics();
  const app = Fastify({ logger: false });
  await registerWebhookRoutes(app, {
    config,
    providers: opts.providers ?? testProviders(),
    store,
    logger,
    metrics,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    metrics,
    lines,
    post: (body, headers, provider = 'stripe') =>
      fetch(`${url}/webhooks/${provider}`, { method: 'POST', body: body as BodyInit, headers }),
    close: () => app.close(),
  };
}

/**
 * Drives the worker by hand against a suite's store and app: `worker()` with no background loop and no
 * backoff, `deliver()` posts a signed Stripe body through the ingest route (200 expected) and returns its
 * event id, `drain()` runs rounds until nothing is due.
 */
export function workerDriver(s: { ts: TestStore; app: TestApp }, subs: FakeSubscriptions) {
  const worker = (over: Partial<WorkerDeps> = {}) =>
    startWorker({
      store: s.ts.store,
      providers: testProviders(subs),
      config: testConfig(),
      logger: silentLogger(),
      autoRun: false,
      backoff: () => 0,
      ...over,
    });
  async function deliver(body: string): Promise<string> {
    const res = await s.app.post(body, signedHeaders(body));
    expect(res.status).toBe(200);
    return JSON.parse(body).id as string;
  }
  async function drain(w: Worker, rounds = 20): Promise<void> {
    for (let i = 0; i < rounds && (await w.runOnce()) > 0; i++);
  }
  return { worker, deliver, drain };
}

/** Per-suite store + app on `dialect`, opened before the suite's tests and closed after them. */
export function useStoreAndApp(dialect: TestDialect): { ts: TestStore; app: TestApp } {
  const ctx = {} as { ts: TestStore; app: TestApp };
  beforeAll(async () => {
    ctx.ts = await openTestStore(dialect);
    ctx.app = await startApp(ctx.ts.store);
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.ts?.close();
  });
  return ctx;
}
