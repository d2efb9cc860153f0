/**
 * In-memory Stripe objects in the current API version's shapes (2025 "clover": subscription periods on
 * items, invoice → subscription under `parent.subscription_details`). Only brand and last 4 of a card exist.
 */
import { randomBytes } from 'node:crypto';

export type Metadata = Record<string, string>;
export type Recurring = { interval: 'day' | 'week' | 'month' | 'year'; interval_count: number };

export interface Price {
  id: string;
  object: 'price';
  currency: string;
  unit_amount: number;
  recurring: Recurring | null;
  type: 'recurring' | 'one_time';
  product: string;
  /** Not a Stripe field on prices; kept so pages can show the product name without a products API. */
  nickname: string;
}

export interface Customer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  metadata: Metadata;
  livemode: false;
  invoice_settings: { default_payment_method: string | null };
  deleted?: true;
}

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  card: {
    brand: string;
    last4: string;
    exp_month: number;
    exp_year: number;
    funding: 'credit';
    country: 'US';
  };
  customer: string | null;
  created: number;
  livemode: false;
  metadata: Metadata;
}

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  mode: 'payment' | 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  client_reference_id: string | null;
  customer: string | null;
  customer_email: string | null;
  subscription: string | null;
  invoice: string | null;
  payment_intent: string | null;
  metadata: Metadata;
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  success_url: string | null;
  cancel_url: string | null;
  url: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  ui_mode: 'hosted';
}

export interface SubscriptionItem {
  id: string;
  object: 'subscription_item';
  price: Price;
  quantity: number;
  current_period_start: number;
  current_period_end: number;
  subscription: string;
  created: number;
  metadata: Metadata;
}

export interface Subscription {
  id: string;
  object: 'subscription';
  customer: string;
  status: 'active' | 'trialing' | 'past_due' | 'canceled' | 'incomplete' | 'unpaid';
  items: { object: 'list'; data: SubscriptionItem[]; has_more: false; url: string };
  metadata: Metadata;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  created: number;
  start_date: number;
  billing_cycle_anchor: number;
  trial_start: number | null;
  trial_end: number | null;
  default_payment_method: string | null;
  latest_invoice: string | null;
  currency: string;
  collection_method: 'charge_automatically';
  livemode: false;
}

export interface Invoice {
  id: string;
  object: 'invoice';
  customer: string;
  status: 'draft' | 'open' | 'paid' | 'void';
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  currency: string;
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'manual';
  attempt_count: number;
  attempted: boolean;
  created: number;
  period_start: number;
  period_end: number;
  parent: {
    type: 'subscription_details';
    subscription_details: { subscription: string; metadata: Metadata };
  } | null;
  last_finalization_error: {
    code: string;
    decline_code?: string;
    type: 'card_error';
    message: string;
  } | null;
  lines: { object: 'list'; data: unknown[]; has_more: false; url: string };
  status_transitions: { finalized_at: number | null; paid_at: number | null };
  livemode: false;
  metadata: Metadata;
  total: number;
  subtotal: number;
}

export interface PortalSession {
  id: string;
  object: 'billing_portal.session';
  customer: string;
  return_url: string | null;
  url: string;
  created: number;
  livemode: false;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

/** The sandbox's Stripe account. */
export interface StripeState {
  customers: Map<string, Customer>;
  paymentMethods: Map<string, PaymentMethod>;
  /** Payment method id → renews fine or fails (the 0341 card). The digits themselves are not kept. */
  renewalFails: Set<string>;
  sessions: Map<string, CheckoutSession>;
  /** Session id → the price it sells (line_items are not part of the session object). */
  sessionPrices: Map<string, Price>;
  /** Session id → subscription_data we were asked for. */
  sessionSubscriptionData: Map<string, { metadata: Metadata; trialDays?: number }>;
  subscriptions: Map<string, Subscription>;
  invoices: Map<string, Invoice>;
  portals: Map<string, PortalSession>;
  prices: Map<string, Price>;
  events: StripeEvent[];
}

export function createState(): StripeState {
  return {
    customers: new Map(),
    paymentMethods: new Map(),
    renewalFails: new Set(),
    sessions: new Map(),
    sessionPrices: new Map(),
    sessionSubscriptionData: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    portals: new Map(),
    prices: new Map(),
    events: [],
  };
}

/** Stripe-looking ids: the prefix says the type, the rest is random (the app must treat them as opaque). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/** Adds `n` intervals to an epoch-seconds time, calendar-aware for months/years (like Stripe's anchors). */
export function addInterval(sec: number, r: Recurring, n = 1): number {
  const d = new Date(sec * 1000);
  const count = r.interval_count * n;
  if (r.interval === 'day') d.setUTCDate(d.getUTCDate() + count);
  else if (r.interval === 'week') d.setUTCDate(d.getUTCDate() + 7 * count);
  else if (r.interval === 'month') d.setUTCMonth(d.getUTCMonth() + count);
  else d.setUTCFullYear(d.getUTCFullYear() + count);
  return Math.floor(d.getTime() / 1000);
}

/** `{object:'list', data, has_more}` with Stripe's `limit` (1..100, default 10). */
export function listOf<T>(items: T[], url: string, limitParam?: unknown) {
  const n = Number(limitParam ?? 10);
  const limit = Number.isInteger(n) && n >= 1 && n <= 100 ? n : 10;
  return { object: 'list' as const, data: items.slice(0, limit), has_more: items.length > limit, url };
}
