/** Checkout Session creation from Stripe-encoded params, and completing one from the hosted page. */

import { invalid, requireParam, urlParam } from './errors.ts';
import type { EmitFn } from './events.ts';
import type { FormObject, FormValue } from './form.ts';
import {
  addInterval,
  type CheckoutSession,
  type Customer,
  type Invoice,
  type Metadata,
  newId,
  type PaymentMethod,
  type Price,
  type Recurring,
  type StripeState,
  type Subscription,
} from './state.ts';

const SESSION_TTL_S = 24 * 3600;
const INTERVALS = new Set(['day', 'week', 'month', 'year']);

function asObj(v: FormValue | undefined): FormObject {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

function asMetadata(v: FormValue | undefined): Metadata {
  const out: Metadata = {};
  for (const [k, val] of Object.entries(asObj(v))) if (typeof val === 'string') out[k] = val;
  return out;
}

function priceFrom(state: StripeState, item: FormObject, mode: string): Price {
  let price: Price;
  if (typeof item.price === 'string') {
    const known = state.prices.get(item.price);
    if (!known) throw invalid(`No such price: '${item.price}'`, 'line_items[0][price]', 'resource_missing');
    price = known;
  } else {
    price = createPrice(state, asObj(item.price_data), 'line_items[0][price_data]');
  }
  if (mode === 'subscription' && !price.recurring)
    throw invalid('You must provide at least one recurring price in `subscription` mode.', 'line_items');
  if (mode === 'payment' && price.recurring)
    throw invalid('You specified `payment` mode but passed a recurring price.', 'line_items');
  return price;
}

/** A price from inline `price_data` or `POST /v1/prices` params; `param` prefixes error param names. */
export function createPrice(state: StripeState, pd: FormObject, param: string): Price {
  requireParam(pd.currency, `${param}[currency]`);
  const amount = Number(pd.unit_amount);
  if (!Number.isInteger(amount) || amount < 0)
    throw invalid('Invalid integer: unit_amount', `${param}[unit_amount]`);
  const rec = asObj(pd.recurring);
  let recurring: Recurring | null = null;
  if (rec.interval !== undefined) {
    if (!INTERVALS.has(String(rec.interval)))
      throw invalid('Invalid recurring interval', `${param}[recurring][interval]`);
    const count = Number(rec.interval_count ?? 1);
    recurring = {
      interval: rec.interval as Recurring['interval'],
      interval_count: Number.isInteger(count) && count > 0 ? count : 1,
    };
  }
  const name = String(asObj(pd.product_data).name ?? 'Product');
  const price: Price = {
    id: newId('price'),
    object: 'price',
    currency: String(pd.currency).toLowerCase(),
    unit_amount: amount,
    recurring,
    type: recurring ? 'recurring' : 'one_time',
    product: newId('prod'),
    nickname: name,
  };
  state.prices.set(price.id, price);
  return price;
}

export function createSession(
  state: StripeState,
  p: FormObject,
  nowSec: number,
  baseUrl: string,
): CheckoutSession {
  const mode = String(p.mode ?? '');
  requireParam(p.mode, 'mode');
  if (mode !== 'payment' && mode !== 'subscription')
    throw invalid(`Invalid mode: must be one of payment, subscription`, 'mode');
  const items = Array.isArray(p.line_items) ? p.line_items : [];
  if (items.length !== 1) throw invalid('The sandbox supports exactly one line item.', 'line_items');
  const item = asObj(items[0]);
  const quantity = Number(item.quantity ?? 1);
  if (quantity !== 1) throw invalid('The sandbox supports quantity 1.', 'line_items[0][quantity]');
  const price = priceFrom(state, item, mode);
  if (typeof p.customer === 'string' && !state.customers.get(p.customer))
    throw invalid(`No such customer: '${p.customer}'`, 'customer', 'resource_missing');
  const id = newId('cs_test');
  const session: CheckoutSession = {
    id,
    object: 'checkout.session',
    mode,
    status: 'open',
    payment_status: 'unpaid',
    client_reference_id: typeof p.client_reference_id === 'string' ? p.client_reference_id : null,
    customer: typeof p.customer === 'string' ? p.customer : null,
    customer_email: typeof p.customer_email === 'string' ? p.customer_email : null,
    subscription: null,
    invoice: null,
    payment_intent: null,
    metadata: asMetadata(p.metadata),
    amount_subtotal: price.unit_amount,
    amount_total: price.unit_amount,
    currency: price.currency,
    success_url: urlParam(p.success_url, 'success_url'),
    cancel_url: urlParam(p.cancel_url, 'cancel_url'),
    url: `${baseUrl}/checkout/${id}`,
    created: nowSec,
    expires_at: nowSec + SESSION_TTL_S,
    livemode: false,
    ui_mode: 'hosted',
  };
  state.sessions.set(id, session);
  state.sessionPrices.set(id, price);
  const sd = asObj(p.subscription_data);
  const trial = Number(sd.trial_period_days);
  state.sessionSubscriptionData.set(id, {
    metadata: asMetadata(sd.metadata),
    trialDays: Number.isInteger(trial) && trial > 0 ? trial : undefined,
  });
  return session;
}

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
