/** Checkout Session and Price creation from Stripe-encoded params. */
import { invalid, requireParam, urlParam } from './errors.ts';
import type { FormObject, FormValue } from './form.ts';
import {
  type CheckoutSession,
  type Metadata,
  newId,
  type Price,
  type Recurring,
  type StripeState,
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
