/**
 * What happens to subscriptions over time and on request: renewals when the clock passes a period end,
 * failed renewals for the 0341 card, cancellation at period end, immediate cancellation, customer deletion.
 */

import type { EmitFn } from './events.ts';
import { markPaid, newInvoice } from './invoices.ts';
import { addInterval, type Recurring, type StripeState, type Subscription } from './state.ts';

/** Bounds catch-up work when the clock jumps years ahead of a daily plan. */
const MAX_RENEWALS_PER_ADVANCE = 400;

export function cancelNow(
  sub: Subscription,
  emit: EmitFn,
  nowSec: number,
  idempotencyKey?: string | null,
): void {
  if (sub.status === 'canceled') return;
  Object.assign(sub, {
    status: 'canceled',
    canceled_at: sub.canceled_at ?? nowSec,
    ended_at: nowSec,
    cancel_at_period_end: false,
  });
  emit('customer.subscription.deleted', sub, { idempotencyKey });
}

export function setCancelAtPeriodEnd(
  sub: Subscription,
  value: boolean,
  emit: EmitFn,
  nowSec: number,
  idempotencyKey?: string | null,
): void {
  if (sub.cancel_at_period_end === value) return;
  const previous = {
    cancel_at_period_end: sub.cancel_at_period_end,
    cancel_at: sub.cancel_at,
    canceled_at: sub.canceled_at,
  };
  sub.cancel_at_period_end = value;
  sub.cancel_at = value ? sub.items.data[0].current_period_end : null;
  sub.canceled_at = value ? nowSec : null;
  emit('customer.subscription.updated', sub, { previous, idempotencyKey });
}

/** Deletes the customer: active subscriptions end now, then `customer.deleted`. */
export function deleteCustomer(state: StripeState, id: string, emit: EmitFn, nowSec: number): void {
  const c = state.customers.get(id);
  if (!c || c.deleted) return;
  for (const sub of state.subscriptions.values()) if (sub.customer === id) cancelNow(sub, emit, nowSec);
  c.deleted = true;
  emit('customer.deleted', c);
}

function renewOnce(state: StripeState, sub: Subscription, emit: EmitFn, nowSec: number): boolean {
  const item = sub.items.data[0];
  const end = item.current_period_end;
  if (sub.cancel_at_period_end) {
    cancelNow(sub, emit, end);
    return false;
  }
  const previous = {
    status: sub.status,
    items: structuredClone(sub.items),
    latest_invoice: sub.latest_invoice,
  };
  item.current_period_start = end;
  item.current_period_end = addInterval(end, item.price.recurring as Recurring);
  const inv = newInvoice(sub, 'subscription_cycle', item.price.unit_amount, Math.min(nowSec, end));
  state.invoices.set(inv.id, inv);
  sub.latest_invoice = inv.id;
  const failing = sub.default_payment_method !== null && state.renewalFails.has(sub.default_payment_method);
  if (failing) {
    inv.attempt_count = 1;
    inv.attempted = true;
    inv.last_finalization_error = {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
    };
    sub.status = 'past_due';
    emit('invoice.payment_failed', inv);
    emit('customer.subscription.updated', sub, { previous });
    return false;
  }
  markPaid(inv, end);
  sub.status = 'active';
  emit('invoice.paid', inv);
  emit('invoice.payment_succeeded', inv);
  emit('customer.subscription.updated', sub, { previous });
  return true;
}

/** Clock hook: every live subscription whose period ended is renewed, failed, or ended. */
export function runDue(state: StripeState, emit: EmitFn, nowSec: number): void {
  let budget = MAX_RENEWALS_PER_ADVANCE;
  for (const sub of state.subscriptions.values()) {
    // past_due waits for a new card (not emulated); canceled/incomplete have nothing to renew.
    while (
      (sub.status === 'active' || sub.status === 'trialing') &&
      sub.items.data[0].current_period_end <= nowSec &&
      budget-- > 0
    ) {
      if (!renewOnce(state, sub, emit, nowSec)) break;
    }
  }
}
