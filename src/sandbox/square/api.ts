/**
 * Square REST endpoints the adapter calls, under `/square` (API base `<sandbox>/square`): payment links,
 * orders, subscriptions (read, cancel at period end), customers (read, delete). Errors use Square's
 * `{errors:[{category, code, detail}]}` body.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../types.ts';
import type { SquareEmit } from './events.ts';
import { isoTime, type Json, type SquareState, squareId, uuid } from './state.ts';

function fail(reply: FastifyReply, status: number, code: string, detail: string) {
  const category = status === 401 ? 'AUTHENTICATION_ERROR' : 'INVALID_REQUEST_ERROR';
  return reply.code(status).send({ errors: [{ category, code, detail }] });
}

export function apiRoutes(
  scope: FastifyInstance,
  ctx: SandboxContext,
  state: SquareState,
  emit: SquareEmit,
  accessToken?: string,
) {
  scope.addHook('onRequest', async (req, reply) => {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!token || (accessToken && token !== accessToken))
      return fail(reply, 401, 'UNAUTHORIZED', 'This request could not be authorized.');
  });

  scope.post('/v2/online-checkout/payment-links', async (req, reply) => {
    const body = (req.body ?? {}) as Json;
    const key = typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined;
    const existing = key ? state.links.get(state.idempotent.get(key) ?? '') : undefined;
    if (existing)
      return {
        payment_link: existing,
        related_resources: { orders: [state.orders.get(String(existing.order_id))] },
      };
    const order = (body.order ?? {}) as Json;
    const items = Array.isArray(order.line_items) ? (order.line_items as Json[]) : [];
    if (!order.location_id || items.length === 0)
      return fail(reply, 400, 'MISSING_REQUIRED_PARAMETER', 'order.line_items is required');
    const now = isoTime(ctx.clock.now());
    const total = items.reduce(
      (sum, i) => sum + Number((i.base_price_money as Json)?.amount ?? 0) * Number(i.quantity ?? 1),
      0,
    );
    const currency = String((items[0].base_price_money as Json)?.currency ?? 'USD');
    const stored: Json = {
      ...order,
      id: squareId(),
      line_items: items.map((i) => ({ uid: squareId(22), ...i, total_money: i.base_price_money })),
      total_money: { amount: total, currency },
      state: 'OPEN',
      version: 1,
      created_at: now,
      updated_at: now,
    };
    const id = squareId(16);
    const link: Json = {
      id,
      version: 1,
      order_id: stored.id,
      checkout_options: body.checkout_options ?? {},
      url: `${ctx.baseUrl()}/square/pay/${id}`,
      long_url: `${ctx.baseUrl()}/square/pay/${id}?long=1`,
      created_at: now,
      ...(typeof body.payment_note === 'string' ? { payment_note: body.payment_note } : {}),
    };
    state.orders.set(String(stored.id), stored);
    state.links.set(id, link);
    if (key) state.idempotent.set(key, id);
    return { payment_link: link, related_resources: { orders: [stored] } };
  });

  // Only what the adapter updates: checkout options (the redirect URL), with Square's version check.
  scope.put<{ Params: { id: string } }>('/v2/online-checkout/payment-links/:id', async (req, reply) => {
    const link = state.links.get(req.params.id);
    if (!link) return fail(reply, 404, 'NOT_FOUND', 'Payment link not found');
    const patch = ((req.body ?? {}) as Json).payment_link as Json | undefined;
    if (!patch || patch.version !== link.version)
      return fail(reply, 409, 'VERSION_MISMATCH', 'version does not match');
    Object.assign(link, {
      checkout_options: { ...(link.checkout_options as Json), ...((patch.checkout_options ?? {}) as Json) },
      version: Number(link.version) + 1,
      updated_at: isoTime(ctx.clock.now()),
    });
    return { payment_link: link };
  });

  scope.get<{ Params: { id: string } }>('/v2/orders/:id', async (req, reply) => {
    const order = state.orders.get(req.params.id);
    return order ? { order } : fail(reply, 404, 'NOT_FOUND', 'Order not found');
  });

  scope.get<{ Params: { id: string } }>('/v2/subscriptions/:id', async (req, reply) => {
    const subscription = state.subscriptions.get(req.params.id);
    return subscription ? { subscription } : fail(reply, 404, 'NOT_FOUND', 'Subscription not found');
  });

  // Square cancels at the end of the paid period: canceled_date = charged_through_date, status stays ACTIVE.
  scope.post<{ Params: { id: string } }>('/v2/subscriptions/:id/cancel', async (req, reply) => {
    const s = state.subscriptions.get(req.params.id);
    if (!s) return fail(reply, 404, 'NOT_FOUND', 'Subscription not found');
    if (s.canceled_date || s.status !== 'ACTIVE')
      return fail(reply, 400, 'BAD_REQUEST', 'Subscription is already canceled');
    s.canceled_date = s.charged_through_date;
    s.version = Number(s.version) + 1;
    emit('subscription.updated', 'subscription', s);
    return { subscription: s };
  });

  scope.get<{ Params: { id: string } }>('/v2/customers/:id', async (req, reply) => {
    const customer = state.customers.get(req.params.id);
    return customer ? { customer } : fail(reply, 404, 'NOT_FOUND', 'Customer not found');
  });

  scope.delete<{ Params: { id: string } }>('/v2/customers/:id', async (req, reply) => {
    const customer = state.customers.get(req.params.id);
    if (!customer) return fail(reply, 404, 'NOT_FOUND', 'Customer not found');
    state.customers.delete(req.params.id);
    for (const s of state.subscriptions.values()) {
      if (s.customer_id === req.params.id && s.status === 'ACTIVE') {
        s.status = 'CANCELED';
        s.canceled_date = String(isoTime(ctx.clock.now())).slice(0, 10);
        s.version = Number(s.version) + 1;
        emit('subscription.updated', 'subscription', s);
      }
    }
    emit('customer.deleted', 'customer', { ...customer, updated_at: isoTime(ctx.clock.now()) });
    return {};
  });
}

export function newCustomer(state: SquareState, nowMs: number): Json {
  const customer = {
    id: squareId(26).toUpperCase(),
    created_at: isoTime(nowMs),
    updated_at: isoTime(nowMs),
    version: 0,
    reference_id: uuid(),
  };
  state.customers.set(customer.id, customer);
  return customer;
}
