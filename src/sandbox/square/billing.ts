/**
 * What paying a Square payment link does (payment, order completed, subscription + first invoice when the
 * link carries a plan), and renewals on the sandbox clock: invoice.payment_made and a new charged-through
 * date, an invoice.scheduled_charge_failed for the failing card, and the end of a period-end cancellation.
 * The sandbox bills every plan monthly (plan variations are not emulated).
 */
import type { SandboxContext } from '../types.ts';
import { newCustomer } from './api.ts';
import type { SquareEmit } from './events.ts';
import { addMonth, isoDate, isoTime, type Json, type SquareState, squareId, uuid } from './state.ts';

function invoice(s: Json, money: Json, paid: boolean, nowMs: number): Json {
  return {
    id: `inv:0-${squareId(26)}`,
    version: 1,
    location_id: s.location_id,
    subscription_id: s.id,
    primary_recipient: { customer_id: s.customer_id },
    payment_requests: [
      {
        uid: uuid(),
        request_type: 'BALANCE',
        computed_amount_money: money,
        total_completed_amount_money: paid ? money : { ...money, amount: 0 },
      },
    ],
    status: paid ? 'PAID' : 'UNPAID',
    created_at: isoTime(nowMs),
    updated_at: isoTime(nowMs),
  };
}

export function payLink(
  link: Json,
  card: { brand: string; last4: string; failOnRenewal: boolean },
  state: SquareState,
  ctx: SandboxContext,
  emit: SquareEmit,
): Json {
  const nowMs = ctx.clock.now();
  const order = state.orders.get(String(link.order_id)) ?? {};
  const customerId = String(order.customer_id ?? newCustomer(state, nowMs).id);
  const money = order.total_money as Json;
  const payment: Json = {
    id: squareId(),
    created_at: isoTime(nowMs),
    updated_at: isoTime(nowMs),
    amount_money: money,
    total_money: money,
    status: 'APPROVED',
    source_type: 'CARD',
    card_details: {
      status: 'AUTHORIZED',
      card: { card_brand: card.brand.toUpperCase(), last_4: card.last4 },
    },
    location_id: order.location_id,
    order_id: order.id,
    customer_id: customerId,
    ...(typeof link.payment_note === 'string' ? { note: link.payment_note } : {}),
    version: 0,
  };
  state.payments.set(String(payment.id), payment);
  emit('payment.created', 'payment', payment);
  Object.assign(payment, {
    status: 'COMPLETED',
    card_details: { ...(payment.card_details as Json), status: 'CAPTURED' },
    version: 1,
  });
  Object.assign(order, {
    state: 'COMPLETED',
    customer_id: customerId,
    version: Number(order.version ?? 1) + 1,
    updated_at: isoTime(nowMs),
  });
  emit('payment.updated', 'payment', payment);

  const planId = (link.checkout_options as Json | undefined)?.subscription_plan_id;
  if (typeof planId === 'string') {
    const sub: Json = {
      id: uuid(),
      location_id: order.location_id,
      plan_variation_id: planId,
      customer_id: customerId,
      start_date: isoDate(nowMs),
      charged_through_date: addMonth(isoDate(nowMs)),
      status: 'ACTIVE',
      version: 1,
      created_at: isoTime(nowMs),
      timezone: 'UTC',
      source: { name: 'uigen-pay sandbox' },
    };
    state.subscriptions.set(String(sub.id), sub);
    state.renewalPrice.set(String(sub.id), money);
    if (card.failOnRenewal) state.failRenewal.add(String(sub.id));
    emit('subscription.created', 'subscription', sub);
    emit('invoice.payment_made', 'invoice', invoice(sub, money, true, nowMs));
  }
  return payment;
}

/** Clock advanced: renew or end every subscription whose paid period is over (bounded per subscription). */
export async function runRenewals(state: SquareState, emit: SquareEmit, nowMs: number): Promise<void> {
  const today = isoDate(nowMs);
  for (const s of state.subscriptions.values()) {
    for (let i = 0; i < 120 && s.status === 'ACTIVE' && String(s.charged_through_date) <= today; i++) {
      const id = String(s.id);
      if (s.canceled_date && String(s.canceled_date) <= String(s.charged_through_date)) {
        Object.assign(s, { status: 'CANCELED', version: Number(s.version) + 1 });
        emit('subscription.updated', 'subscription', s);
        break;
      }
      if (state.delinquent.has(id)) break;
      const money = state.renewalPrice.get(id) ?? { amount: 0, currency: 'USD' };
      if (state.failRenewal.has(id)) {
        state.delinquent.add(id);
        emit('invoice.scheduled_charge_failed', 'invoice', invoice(s, money, false, nowMs));
        break;
      }
      Object.assign(s, {
        charged_through_date: addMonth(String(s.charged_through_date)),
        version: Number(s.version) + 1,
      });
      emit('invoice.payment_made', 'invoice', invoice(s, money, true, nowMs));
      emit('subscription.updated', 'subscription', s);
    }
  }
}
