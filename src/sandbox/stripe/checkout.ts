/** Completing (or declining) a Checkout Session from the hosted page, as Stripe would. */
import type { EmitFn } from './events.ts';
import { markPaid, newInvoice } from './invoices.ts';
import {
  addInterval,
  type CheckoutSession,
  type Customer,
  newId,
  type PaymentMethod,
  type Price,
  type Recurring,
  type StripeState,
  type Subscription,
} from './state.ts';

function ensureCustomer(state: StripeState, s: CheckoutSession, emit: EmitFn, nowSec: number): Customer {
  const existing = s.customer ? state.customers.get(s.customer) : undefined;
  if (existing && !existing.deleted) return existing;
  const c: Customer = {
    id: newId('cus'),
    object: 'customer',
    created: nowSec,
    email: s.customer_email,
    metadata: { ...(s.metadata.uigen_user_id ? { uigen_user_id: s.metadata.uigen_user_id } : {}) },
    livemode: false,
    invoice_settings: { default_payment_method: null },
  };
  state.customers.set(c.id, c);
  emit('customer.created', c);
  return c;
}

export function attachCard(
  state: StripeState,
  customer: Customer,
  card: { brand: string; last4: string },
  failsOnRenewal: boolean,
  emit: EmitFn,
  nowSec: number,
): PaymentMethod {
  const pm: PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    type: 'card',
    card: {
      ...card,
      exp_month: 12,
      exp_year: new Date(nowSec * 1000).getUTCFullYear() + 3,
      funding: 'credit',
      country: 'US',
    },
    customer: customer.id,
    created: nowSec,
    livemode: false,
    metadata: {},
  };
  state.paymentMethods.set(pm.id, pm);
  if (failsOnRenewal) state.renewalFails.add(pm.id);
  customer.invoice_settings.default_payment_method = pm.id;
  emit('payment_method.attached', pm);
  return pm;
}

function startSubscription(
  state: StripeState,
  s: CheckoutSession,
  customer: Customer,
  pm: PaymentMethod,
  emit: EmitFn,
  nowSec: number,
): Subscription {
  const price = state.sessionPrices.get(s.id) as Price;
  const sd = state.sessionSubscriptionData.get(s.id) ?? { metadata: {} };
  const recurring = price.recurring as Recurring;
  const trialEnd = sd.trialDays ? nowSec + sd.trialDays * 86_400 : null;
  const id = newId('sub');
  const periodEnd = trialEnd ?? addInterval(nowSec, recurring);
  const sub: Subscription = {
    id,
    object: 'subscription',
    customer: customer.id,
    status: trialEnd ? 'trialing' : 'active',
    items: {
      object: 'list',
      data: [
        {
          id: newId('si'),
          object: 'subscription_item',
          price,
          quantity: 1,
          current_period_start: nowSec,
          current_period_end: periodEnd,
          subscription: id,
          created: nowSec,
          metadata: {},
        },
      ],
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    metadata: sd.metadata,
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    created: nowSec,
    start_date: nowSec,
    billing_cycle_anchor: nowSec,
    trial_start: trialEnd ? nowSec : null,
    trial_end: trialEnd,
    default_payment_method: pm.id,
    latest_invoice: null,
    currency: price.currency,
    collection_method: 'charge_automatically',
    livemode: false,
  };
  state.subscriptions.set(id, sub);
  const inv = newInvoice(sub, 'subscription_create', trialEnd ? 0 : price.unit_amount, nowSec);
  markPaid(inv, nowSec);
  state.invoices.set(inv.id, inv);
  sub.latest_invoice = inv.id;
  emit('customer.subscription.created', sub);
  emit('invoice.paid', inv);
  emit('invoice.payment_succeeded', inv);
  s.invoice = inv.id;
  return sub;
}

/** The card was accepted: customer, card, subscription or payment, then `checkout.session.completed`. */
export function completeCheckout(
  state: StripeState,
  s: CheckoutSession,
  card: { brand: string; last4: string },
  failsOnRenewal: boolean,
  emit: EmitFn,
  nowSec: number,
): void {
  const customer = ensureCustomer(state, s, emit, nowSec);
  const pm = attachCard(state, customer, card, failsOnRenewal, emit, nowSec);
  s.customer = customer.id;
  if (s.mode === 'subscription') {
    s.subscription = startSubscription(state, s, customer, pm, emit, nowSec).id;
    s.payment_status = s.amount_total === 0 ? 'no_payment_required' : 'paid';
  } else {
    s.payment_intent = newId('pi');
    s.payment_status = 'paid';
    emit('payment_intent.succeeded', {
      id: s.payment_intent,
      object: 'payment_intent',
      amount: s.amount_total,
      amount_received: s.amount_total,
      currency: s.currency,
      customer: customer.id,
      payment_method: pm.id,
      status: 'succeeded',
      metadata: s.metadata,
      created: nowSec,
      livemode: false,
    });
  }
  s.status = 'complete';
  s.url = null;
  emit('checkout.session.completed', s);
}

/** The card was declined: the session stays open (the buyer may try another card), as on Stripe. */
export function declineCheckout(
  s: CheckoutSession,
  card: { brand: string; last4: string },
  emit: EmitFn,
  nowSec: number,
): void {
  emit('payment_intent.payment_failed', {
    id: newId('pi'),
    object: 'payment_intent',
    amount: s.amount_total,
    currency: s.currency,
    customer: s.customer,
    status: 'requires_payment_method',
    metadata: s.metadata,
    created: nowSec,
    livemode: false,
    last_payment_error: {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      payment_method: {
        object: 'payment_method',
        type: 'card',
        card: { brand: card.brand, last4: card.last4 },
      },
    },
  });
}
