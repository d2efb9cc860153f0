/**
 * The PayPal emulator: REST endpoints under `/paypal` (so the API base is `<sandbox>/paypal`), the buyer's
 * approval page, the signing certificate, and webhooks signed with the sandbox test CA. Returns the adapter
 * options the app needs to trust it (test mode only): API base, the test root, and the sandbox origin as an
 * allowed cert URL source. They are getters because the sandbox's port is known only after it listens.
 */
import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../types.ts';
import { apiRouter, lenientJson, tokenRoute } from './api-core.ts';
import { billingRoutes, runRenewals } from './billing.ts';
import { CERT_PATH, sandboxPaypalIdentity } from './ca.ts';
import { createPaypalEmitter } from './events.ts';
import { orderRoutes } from './orders.ts';
import { pageRoutes } from './pages.ts';
import { createState, type Json, type PaypalState } from './state.ts';

export interface PaypalSandboxOptions {
  /** Where signed events go; without it events are only recorded. */
  webhookUrl?: string;
  /** The webhook id the app is configured with (part of the signed message). */
  webhookId?: string;
  /** When given, the OAuth endpoint accepts only these credentials. */
  clientId?: string;
  clientSecret?: string;
  /** Keep the signing identity here (e.g. `.uigen/`) so other processes can sign as this sandbox. */
  stateDir?: string;
}

export interface PaypalSandbox {
  state: PaypalState;
  events: Json[];
  providerOptions: {
    readonly apiBase: string;
    readonly trustedRoots: string[];
    readonly certHostAllowlist: string[];
  };
}

export default async function paypalPlugin(
  app: FastifyInstance,
  ctx: SandboxContext,
  opts: PaypalSandboxOptions = {},
): Promise<PaypalSandbox> {
  const state = createState();
  const events: Json[] = [];
  const identity = sandboxPaypalIdentity(opts.stateDir);
  const target = opts.webhookUrl
    ? {
        webhookUrl: opts.webhookUrl,
        webhookId: opts.webhookId ?? 'WH-SANDBOX',
        privateKeyPem: identity.leaf.privateKeyPem,
      }
    : undefined;
  const emit = createPaypalEmitter(ctx, target, events);

  await app.register(
    async (scope) => {
      lenientJson(scope);
      tokenRoute(scope, state, opts);
      const route = apiRouter(scope, state);
      orderRoutes(route, ctx, state, emit);
      billingRoutes(route, ctx, state, emit);
    },
    { prefix: '/paypal' },
  );
  app.get(CERT_PATH, async (_req, reply) => reply.type('application/x-pem-file').send(identity.leaf.certPem));
  app.get('/paypal/test-ca.pem', async (_req, reply) =>
    reply.type('application/x-pem-file').send(identity.rootPem),
  );
  pageRoutes(app, ctx, state, emit);
  ctx.onAdvance((now) => runRenewals(state, emit, now));

  return {
    state,
    events,
    providerOptions: {
      get apiBase() {
        return `${ctx.baseUrl()}/paypal`;
      },
      trustedRoots: [identity.rootPem],
      get certHostAllowlist() {
        return [ctx.baseUrl()];
      },
    },
  };
}
