/**
 * The Fastify application: payments API, webhooks, health, the gate proxy and the web UI.
 * `createApp` only wires parts it is given (config, store, providers…) — see server/start.ts for the
 * composition from a spec file and the environment.
 */
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { ValidationError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { auditUserRef } from '../ops/event-log.ts';
import { registerHealthRoutes } from '../ops/health.ts';
import { createMetrics, type Metrics } from '../ops/metrics.ts';
import type { PaymentProvider } from '../providers/types.ts';
import { containsCardNumber } from '../redact.ts';
import type { PaymentsConfig, ProviderName, PublicConfig } from '../spec/types.ts';
import type { Store } from '../store/types.ts';
import { registerWebhookRoutes } from '../webhooks/route.ts';
import type { Authenticate } from './auth.ts';
import type { CheckoutGuard, ServerContext } from './context.ts';
import { type DevAuth, devRoutes } from './dev-auth.ts';
import { installErrorHandling } from './errors.ts';
import { gateRoutes } from './gate.ts';
import { createRateLimiter, type RateCounterStore } from './rate-limit.ts';
import { accountRoutes } from './routes/account.ts';
import { checkoutRoutes } from './routes/checkout.ts';
import { configRoutes } from './routes/config.ts';
import { webRoutes } from './web.ts';

export interface AppDeps {
  config: PaymentsConfig;
  store: Store;
  providers: Map<ProviderName, PaymentProvider>;
  logger: Logger;
  authenticate: Authenticate;
  metrics?: Metrics;
  /** Shared counters for rate limits; defaults to the store (shared by every process). */
  rateCounters?: RateCounterStore;
  checkoutGuard?: CheckoutGuard;
  /** Gate proxy: forward spec paths here. */
  upstream?: string;
  /** Every path template of the spec (for the gate proxy). */
  specPaths?: string[];
  /** Directory of the built web UI, or false to serve no UI. */
  webDir?: string | false;
  /** Origins PaymentButton may redirect to (provider checkout origins; the sandbox in test mode). */
  checkoutOrigins?: string[];
  /** Demo sign-in (dev only). */
  devAuth?: DevAuth;
  /** Honour X-Forwarded-* only behind a configured proxy (hop count, CIDR list, or true). */
  trustProxy?: boolean | number | string;
  https?: { cert: string | Buffer; key: string | Buffer };
  now?: () => number;
}

const PROVIDER_CHECKOUT_ORIGINS: Record<ProviderName, string[]> = {
  stripe: ['https://checkout.stripe.com', 'https://billing.stripe.com'],
  paypal: ['https://www.paypal.com', 'https://www.sandbox.paypal.com'],
  square: ['https://square.link', 'https://checkout.square.site', 'https://sandbox.square.link'],
};

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const metrics = deps.metrics ?? createMetrics();
  const now = deps.now ?? Date.now;
  const opts: FastifyServerOptions & { https?: unknown } = {
    loggerInstance: deps.logger,
    genReqId: () => `req_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    requestIdHeader: false,
    trustProxy: (deps.trustProxy ?? false) as FastifyServerOptions['trustProxy'],
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  };
  if (deps.https) opts.https = { ...deps.https, minVersion: 'TLSv1.2' };
  const app = Fastify(opts) as unknown as FastifyInstance;
  installErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    hsts: deps.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: deps.https ? [] : null,
      },
    },
  });

  const rateLimiter = createRateLimiter(deps.rateCounters ?? deps.store.rateLimits, { now, metrics });
  const ctx: ServerContext = {
    config: deps.config,
    store: deps.store,
    providers: deps.providers,
    logger: deps.logger,
    metrics,
    authenticate: deps.authenticate,
    rateLimiter,
    checkoutGuard: deps.checkoutGuard,
    now,
    async requireUser(request) {
      if (request.userId) return request.userId;
      const userId = await deps.authenticate(request);
      request.userId = userId;
      await rateLimiter.consume('api', userId, deps.config.rateLimit.apiPerMinute);
      return userId;
    },
    async recordAction(request, action, subject, details = {}) {
      // Audit rows are append-only and chained: they carry a pseudonym, never the user id GDPR may erase.
      const ref = auditUserRef(subject);
      request.log.info({ event: action, user: ref, ...details }, 'payment action');
      await deps.store.audit.append({ actor: ref, action, subject: ref, details: { ...details, requestId: request.id }, at: now() });
    },
  };

  // Card numbers never enter through our API: reject before validation, never log the body.
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/') || request.body === undefined || request.body === null) return;
    if (typeof request.body === 'object' && containsCardNumber(JSON.stringify(request.body))) {
      throw new ValidationError('card numbers must never be sent to this server; use the hosted checkout', 'card_data_rejected');
    }
  });

  const origins = new Set<string>();
  for (const p of deps.config.providers) for (const o of PROVIDER_CHECKOUT_ORIGINS[p.provider]) origins.add(o);
  for (const o of deps.checkoutOrigins ?? []) origins.add(new URL(o).origin);
  const publicExtra: Partial<PublicConfig> = {
    checkoutOrigins: [...origins],
    capabilities: {
      devSignIn: Boolean(deps.devAuth),
      portal: Object.fromEntries([...deps.providers].map(([n, p]) => [n, p.capabilities.portal])),
    },
  };

  await configRoutes(app, ctx, publicExtra);
  await checkoutRoutes(app, ctx);
  await accountRoutes(app, ctx);
  await registerWebhookRoutes(app, { config: deps.config, providers: deps.providers, store: deps.store, logger: deps.logger, metrics, now });
  await registerHealthRoutes(app, { store: deps.store, config: deps.config, metrics, now });
  if (deps.devAuth) await devRoutes(app, deps.devAuth);
  if (deps.upstream) await gateRoutes(app, ctx, { upstream: deps.upstream, specPaths: deps.specPaths ?? [] });
  if (deps.webDir) await webRoutes(app, deps.webDir);
  return app;
}
