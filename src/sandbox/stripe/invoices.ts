/** Invoices for a subscription period. */
import { type Invoice, newId, type Subscription } from './state.ts';

export function newInvoice(
  sub: Subscription,
  reason: Invoice['billing_reason'],
  amount: number,
  nowSec: number,
): Invoice {
  const item = sub.items.data[0];
  const id = newId('in');
  return {
    id,
    object: 'invoice',
    customer: sub.customer,
    status: 'open',
    amount_due: amount,
    amount_paid: 0,
    amount_remaining: amount,
    currency: sub.currency,
    billing_reason: reason,
    attempt_count: 0,
    attempted: false,
    created: nowSec,
    period_start: item.current_period_start,
    period_end: item.current_period_end,
    parent: {
      type: 'subscription_details',
      subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } },
    },
    last_finalization_error: null,
    lines: {
      object: 'list',
      data: [
        {
          id: newId('il'),
          object: 'line_item',
          amount,
          currency: sub.currency,
          description: `1 × ${item.price.nickname}`,
          period: { start: item.current_period_start, end: item.current_period_end },
          parent: {
            type: 'subscription_item_details',
            subscription_item_details: { subscription: sub.id, subscription_item: item.id },
          },
        },
      ],
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
    status_transitions: { finalized_at: nowSec, paid_at: null },
    livemode: false,
    metadata: {},
    total: amount,
    subtotal: amount,
  };
}

export function markPaid(inv: Invoice, nowSec: number): void {
  Object.assign(inv, {
    status: 'paid',
    amount_paid: inv.amount_due,
    amount_remaining: 0,
    attempt_count: inv.attempt_count + 1,
    attempted: true,
  });
  inv.status_transitions.paid_at = nowSec;
}
