/**
 * The local sandbox provider: one Fastify server on 127.0.0.1 (its own port, apart from the app) hosting the
 * provider emulators, their hosted pages and `/_sandbox/*` controls. Test mode only by construction: it
 * accepts only test keys and signs webhooks with the secret it is given.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import { createSandboxCore, type SandboxCore } from './context.ts';
import { controlRoutes } from './control.ts';
import type { DeliveryRecord, RetryPolicy } from './delivery.ts';
import { stripePlugin } from './stripe/plugin.ts';
import type { StripeState } from './stripe/state.ts';
import type { FailureInjection } from './types.ts';

export type { SandboxCore } from './context.ts';
export type { DeliveryRecord } from './delivery.ts';

/** A provider emulator plugin (sandbox/paypal/plugin.ts, sandbox/square/plugin.ts). */
type ProviderPlugin = (
  app: FastifyInstance,
  ctx: SandboxCore,
  opts: Record<string, unknown>,
) => Promise<unknown>;

export interface SandboxOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Loopback only; the type admits nothing else on purpose. */
  host?: '127.0.0.1';
  stripe?: { webhookUrl: string; webhookSecret: string };
  paypal?: Record<string, unknown>;
  square?: Record<string, unknown>;
  failures?: Partial<FailureInjection>;
  /** Delivery retries (tests shorten the backoff). */
  retry?: Partial<RetryPolicy>;
  /** Randomness for failure injection; tests pass a deterministic source. */
  random?: () => number;
  logger?: Logger;
}

export interface RunningSandbox {
  url: string;
  ctx: SandboxCore;
  /** The emulated Stripe account (tests inspect it). */
  stripe: StripeState;
  deliveries(): DeliveryRecord[];
  /** Resolves when all queued webhooks are delivered or given up on. */
  idle(): Promise<void>;
  /**
   * Extra adapter options an emulator needs the app to use (e.g. PayPal's test CA), keyed by provider; pass
   * to `createProviders(…, opts)`. A plugin contributes by returning `{ providerOptions }`.
   */
  providerOptions: Partial<Record<'paypal' | 'square', Record<string, unknown>>>;
  close(): Promise<void>;
}

/** Loaded only when configured, so the sandbox runs before (or without) the other emulators. */
const OPTIONAL_PLUGINS: Record<'paypal' | 'square', string> = {
  paypal: './paypal/plugin.ts',
  square: './square/plugin.ts',
};

async function loadPlugin(path: string, name: string): Promise<ProviderPlugin> {
  const mod = await import(path);
  const fn = (mod.default ?? mod[`${name}Plugin`] ?? mod.plugin) as ProviderPlugin | undefined;
  if (typeof fn !== 'function') throw new Error(`sandbox: ${path} exports no plugin function`);
  return fn;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const logger = opts.logger ?? silentLogger();
  const core = createSandboxCore({ failures: opts.failures, retry: opts.retry, random: opts.random, logger });
  // Fastify's own request logging stays off: hosted-page form bodies carry test card numbers.
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  await app.register(async (scope) => controlRoutes(scope, core));
  const stripe = await stripePlugin(app, core, opts.stripe ? { webhook: opts.stripe } : {});
  const providerOptions: RunningSandbox['providerOptions'] = {};
  for (const name of ['paypal', 'square'] as const) {
    const pluginOpts = opts[name];
    if (!pluginOpts) continue;
    const result = (await (
      await loadPlugin(OPTIONAL_PLUGINS[name], name)
    )(app, core, pluginOpts)) as { providerOptions?: Record<string, unknown> } | undefined;
    if (result?.providerOptions) providerOptions[name] = result.providerOptions;
  }
  app.get('/', async (_req, reply) =>
    reply
      .type('text/plain')
      .send('uigen-pay sandbox: emulated provider APIs (test mode). Controls under /_sandbox/.\n'),
  );

  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  core.setBaseUrl(url);
  logger.info({ url }, 'sandbox listening');
  return {
    url,
    ctx: core,
    stripe,
    deliveries: () => core.deliveries(),
    idle: () => core.idle(),
    providerOptions,
    async close() {
      core.close();
      await app.close();
    },
  };
}
