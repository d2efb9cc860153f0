/** The Stripe emulator as a Fastify plugin: REST API under /v1, hosted pages, renewals on clock advance. */
import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../types.ts';
import { apiRoutes } from './api-routes.ts';
import { createEmitter, type StripeWebhookTarget } from './events.ts';
import { runDue } from './lifecycle.ts';
import { pageRoutes } from './pages.ts';
import { createState, type StripeState } from './state.ts';

export interface StripeSandboxOptions {
  /** Where signed events go; without it events are only listed at /v1/events. */
  webhook?: StripeWebhookTarget;
}

export async function stripePlugin(
  app: FastifyInstance,
  ctx: SandboxContext,
  opts: StripeSandboxOptions = {},
): Promise<StripeState> {
  const state = createState();
  const emit = createEmitter(ctx, state, opts.webhook);
  apiRoutes(app, ctx, state, emit);
  pageRoutes(app, ctx, state, emit);
  ctx.onAdvance(async (now) => runDue(state, emit, Math.floor(now / 1000)));
  return state;
}
