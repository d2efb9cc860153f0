/** Orders v2: create, read, capture. Capturing an approved order is what moves the money (and emits). */
import type { SandboxContext } from '../types.ts';
import { type apiRouter, invalid, notFound, unprocessable } from './api-core.ts';
import type { PaypalEmit } from './events.ts';
import { type Json, type PaypalOrder, type PaypalState, paypalId } from './state.ts';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function links(base: string, o: PaypalOrder): Json[] {
  const self = `${base}/paypal/v2/checkout/orders/${o.id}`;
  return [
    { href: self, rel: 'self', method: 'GET' },
    ...(o.status === 'CREATED'
      ? [{ href: `${base}/paypal/approve/${o.id}`, rel: 'approve', method: 'GET' }]
      : []),
    ...(o.status === 'APPROVED' ? [{ href: `${self}/capture`, rel: 'capture', method: 'POST' }] : []),
  ];
}

export function orderRoutes(
  route: ReturnType<typeof apiRouter>,
  ctx: SandboxContext,
  state: PaypalState,
  emit: PaypalEmit,
) {
  const view = (o: PaypalOrder) => ({ ...o, links: links(ctx.baseUrl(), o) });

  route('POST', '/v2/checkout/orders', ({ body }) => {
    const units = Array.isArray(body.purchase_units) ? (body.purchase_units as Json[]) : [];
    const amount = (units[0]?.amount ?? {}) as Json;
    if (body.intent !== 'CAPTURE' && body.intent !== 'AUTHORIZE') throw invalid('MISSING_REQUIRED_PARAMETER');
    if (units.length !== 1 || typeof amount.value !== 'string' || typeof amount.currency_code !== 'string')
      throw invalid('INVALID_PARAMETER_VALUE');
    const now = iso(ctx.clock.now());
    const order: PaypalOrder = {
      id: paypalId(),
      intent: body.intent,
      status: 'CREATED',
      purchase_units: units.map((u) => structuredClone(u)),
      create_time: now,
      update_time: now,
    };
    const app = (body.application_context ?? {}) as Json;
    state.orders.set(order.id, order);
    state.returns.set(order.id, { returnUrl: app.return_url as string, cancelUrl: app.cancel_url as string });
    return { status: 201, body: view(order) };
  });

  route('GET', '/v2/checkout/orders/:id', ({ params }) => {
    const o = state.orders.get(params.id);
    if (!o) throw notFound();
    return { status: 200, body: view(o) };
  });

  route('POST', '/v2/checkout/orders/:id/capture', ({ params }) => {
    const o = state.orders.get(params.id);
    if (!o) throw notFound();
    if (o.status === 'COMPLETED') throw unprocessable('ORDER_ALREADY_CAPTURED');
    if (o.status !== 'APPROVED') throw unprocessable('ORDER_NOT_APPROVED');
    const now = iso(ctx.clock.now());
    const unit = o.purchase_units[0];
    const capture: Json = {
      id: paypalId(),
      status: 'COMPLETED',
      amount: unit.amount,
      final_capture: true,
      custom_id: unit.custom_id,
      supplementary_data: { related_ids: { order_id: o.id } },
      create_time: now,
      update_time: now,
    };
    unit.payments = { captures: [capture] };
    o.status = 'COMPLETED';
    o.update_time = now;
    emit('PAYMENT.CAPTURE.COMPLETED', 'capture', capture);
    return { status: 201, body: view(o) };
  });
}

/** Buyer approved on the hosted page. */
export function approveOrder(o: PaypalOrder, ctx: SandboxContext, emit: PaypalEmit): void {
  o.status = 'APPROVED';
  o.update_time = iso(ctx.clock.now());
  o.payer = { payer_id: paypalId('', 13), email_address: 'sb-buyer@personal.example.com' };
  emit('CHECKOUT.ORDER.APPROVED', 'checkout-order', o);
}

export { iso };
