/**
 * The Square emulator: REST endpoints under `/square` (API base `<sandbox>/square`), the hosted payment-link
 * page, and webhooks HMAC-signed with the configured signature key over the configured notification URL.
 */
import type { FastifyInstance } from 'fastify';
import { lenientJson } from '../paypal/api-core.ts';
import type { SandboxContext } from '../types.ts';
import { apiRoutes } from './api.ts';
import { runRenewals } from './billing.ts';
import { createSquareEmitter } from './events.ts';
import { pageRoutes } from './pages.ts';
import { createState, type Json, type SquareState } from './state.ts';

export interface SquareSandboxOptions {
  /** The app's notification URL exactly as configured (it is part of the signature). */
  webhookUrl?: string;
  webhookSignatureKey?: string;
  /** When given, only this bearer token is accepted. */
  accessToken?: string;
}

export interface SquareSandbox {
  state: SquareState;
  events: Json[];
  providerOptions: { readonly apiBase: string };
}

export default async function squarePlugin(
  app: FastifyInstance,
  ctx: SandboxContext,
  opts: SquareSandboxOptions = {},
): Promise<SquareSandbox> {
  const state = createState();
  const events: Json[] = [];
  const target =
    opts.webhookUrl && opts.webhookSignatureKey
      ? { webhookUrl: opts.webhookUrl, signatureKey: opts.webhookSignatureKey }
      : undefined;
  const emit = createSquareEmitter(ctx, target, events);
  await app.register(
    async (scope) => {
      lenientJson(scope);
      apiRoutes(scope, ctx, state, emit, opts.accessToken);
    },
    { prefix: '/square' },
  );
  pageRoutes(app, ctx, state, emit);
  ctx.onAdvance((now) => runRenewals(state, emit, now));
  return {
    state,
    events,
    providerOptions: {
      get apiBase() {
        return `${ctx.baseUrl()}/square`;
      },
    },
  };
}
