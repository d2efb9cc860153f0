/** The Stripe REST surface our adapter (and the official SDK) uses, on the sandbox's in-memory account. */
import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../types.ts';
import { apiHandler, createIdempotencyStore } from './api-core.ts';
import { invalid, missing, requireParam, urlParam } from './errors.ts';
import type { EmitFn } from './events.ts';
import type { FormObject } from './form.ts';
import { cancelNow, deleteCustomer, setCancelAtPeriodEnd } from './lifecycle.ts';
import { createPrice, createSession } from './sessions.ts';
import { type Customer, listOf, newId, type PortalSession, type StripeState } from './state.ts';

function get<T>(map: Map<string, T>, kind: string, id: string): T {
  const v = map.get(id);
  if (!v) throw missing(kind, id);
  return v;
}

function metadataParam(p: FormObject): Record<string, string> {
  const md = p.metadata;
  const out: Record<string, string> = {};
  if (md && typeof md === 'object' && !Array.isArray(md))
    for (const [k, v] of Object.entries(md)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function apiRoutes(app: FastifyInstance, ctx: SandboxContext, state: StripeState, emit: EmitFn): void {
  const idem = createIdempotencyStore();
  const nowSec = () => Math.floor(ctx.clock.now() / 1000);
  const route = (method: 'GET' | 'POST' | 'DELETE', url: string, handler: Parameters<typeof apiHandler>[1]) =>
    app.route({ method, url, handler: apiHandler(idem, handler) });

  route('POST', '/v1/customers', ({ params }) => {
    const c: Customer = {
      id: newId('cus'),
      object: 'customer',
      created: nowSec(),
      email: typeof params.email === 'string' ? params.email : null,
      metadata: metadataParam(params),
      livemode: false,
      invoice_settings: { default_payment_method: null },
    };
    state.customers.set(c.id, c);
    emit('customer.created', c);
    return c;
  });
  route('GET', '/v1/customers/:id', ({ path }) => {
    const c = get(state.customers, 'customer', path.id);
    return c.deleted ? { id: c.id, object: 'customer', deleted: true } : c;
  });
  route('DELETE', '/v1/customers/:id', ({ path }) => {
    const c = get(state.customers, 'customer', path.id);
    if (c.deleted) throw missing('customer', path.id);
    deleteCustomer(state, c.id, emit, nowSec());
    return { id: c.id, object: 'customer', deleted: true };
  });

  // Pre-created prices (`providerPriceIds.stripe` in the spec); product_data stands in for a products API.
  route('POST', '/v1/prices', ({ params }) => createPrice(state, params, 'price'));
  route('GET', '/v1/prices/:id', ({ path }) => get(state.prices, 'price', path.id));

  route('POST', '/v1/checkout/sessions', ({ params }) => {
    const s = createSession(state, params, nowSec(), ctx.baseUrl());
    return s;
  });
  route('GET', '/v1/checkout/sessions/:id', ({ path }) => get(state.sessions, 'checkout.session', path.id));
  route('POST', '/v1/checkout/sessions/:id/expire', ({ path }) => {
    const s = get(state.sessions, 'checkout.session', path.id);
    if (s.status !== 'open')
      throw invalid(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
        undefined,
        'checkout_session_not_open',
      );
    Object.assign(s, { status: 'expired', url: null });
    emit('checkout.session.expired', s);
    return s;
  });

  route('GET', '/v1/payment_methods/:id', ({ path }) => get(state.paymentMethods, 'payment_method', path.id));
  route('GET', '/v1/subscriptions/:id', ({ path }) => get(state.subscriptions, 'subscription', path.id));
  route('POST', '/v1/subscriptions/:id', ({ path, params, idempotencyKey }) => {
    const sub = get(state.subscriptions, 'subscription', path.id);
    if (sub.status === 'canceled')
      throw invalid(
        'A canceled subscription can only update its cancellation_details and metadata.',
        undefined,
        'resource_in_invalid_state',
      );
    if (params.cancel_at_period_end !== undefined) {
      const v = params.cancel_at_period_end;
      if (v !== 'true' && v !== 'false')
        throw invalid('Invalid boolean: cancel_at_period_end', 'cancel_at_period_end');
      setCancelAtPeriodEnd(sub, v === 'true', emit, nowSec(), idempotencyKey);
    }
    return sub;
  });
  route('DELETE', '/v1/subscriptions/:id', ({ path, idempotencyKey }) => {
    const sub = get(state.subscriptions, 'subscription', path.id);
    cancelNow(sub, emit, nowSec(), idempotencyKey);
    return sub;
  });
  route('GET', '/v1/subscriptions', ({ params }) => {
    const all = [...state.subscriptions.values()]
      .filter((s) => !params.customer || s.customer === params.customer)
      .reverse();
    return listOf(all, '/v1/subscriptions', params.limit);
  });

  route('POST', '/v1/billing_portal/sessions', ({ params }) => {
    requireParam(params.customer, 'customer');
    const c = get(state.customers, 'customer', String(params.customer));
    if (c.deleted) throw missing('customer', c.id, 'customer');
    const id = newId('bps');
    const p: PortalSession = {
      id,
      object: 'billing_portal.session',
      customer: c.id,
      return_url: urlParam(params.return_url, 'return_url'),
      url: `${ctx.baseUrl()}/portal/${id}`,
      created: nowSec(),
      livemode: false,
    };
    state.portals.set(id, p);
    return p;
  });

  route('GET', '/v1/invoices', ({ params }) => {
    const all = [...state.invoices.values()]
      .filter(
        (i) =>
          (!params.customer || i.customer === params.customer) &&
          (!params.subscription || i.parent?.subscription_details.subscription === params.subscription),
      )
      .reverse();
    return listOf(all, '/v1/invoices', params.limit);
  });
  route('GET', '/v1/invoices/:id', ({ path }) => get(state.invoices, 'invoice', path.id));

  route('GET', '/v1/events', ({ params }) => {
    const all = state.events
      .filter((e) => !params.type || e.type === params.type)
      .slice()
      .reverse();
    return listOf(all, '/v1/events', params.limit);
  });
  route('GET', '/v1/events/:id', ({ path }) => {
    const e = state.events.find((x) => x.id === path.id);
    if (!e) throw missing('event', path.id);
    return e;
  });

  // Anything else under /v1 answers like Stripe does for an unknown URL, never a Fastify HTML 404.
  app.all('/v1/*', async (_req, reply) =>
    reply.code(404).send({
      error: {
        type: 'invalid_request_error',
        message: 'Unrecognized request URL. The sandbox emulates a subset of the Stripe API.',
      },
    }),
  );
}
