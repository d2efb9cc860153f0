/**
 * The adapter contract. Adapters translate (verify, normalize, call the SDK); `billing/` decides and writes
 * state. One folder per provider: providers/stripe, providers/paypal, providers/square.
 */
import type { Product, ProviderName } from '../spec/types.ts';

export type SubscriptionStatus = 'active' | 'trialing' | 'past_due' | 'canceled' | 'incomplete' | 'unpaid';

/** Raw request headers as Fastify/node give them (lower-case names). */
export type RawHeaders = Record<string, string | string[] | undefined>;

/** A webhook whose signature has been verified. `payload` is the parsed provider event. */
export interface VerifiedEvent {
  provider: ProviderName;
  /** Provider's unique event id (dedupe key with `provider`). */
  id: string;
  /** Provider's event type string, e.g. `invoice.payment_failed`, `PAYMENT.SALE.COMPLETED`. */
  type: string;
  /** When the provider created the event, epoch ms. */
  createdAt: number;
  payload: unknown;
}

/** The newest known state of a provider subscription. Applied only if `version` is newer than what is stored. */
export interface SubscriptionSnapshot {
  provider: ProviderName;
  /** Provider subscription id. */
  id: string;
  customerId?: string;
  status: SubscriptionStatus;
  /** Our product id when the adapter can tell (metadata we set at checkout, or price lookup). */
  productId?: string;
  /** Provider price/plan id, for mapping back to a product when metadata is absent. */
  priceId?: string;
  /** Epoch seconds. */
  currentPeriodEnd?: number;
  cancelAtPeriodEnd: boolean;
  /** Monotonic ordering key for this object: provider object/event timestamp in ms (or a version counter). */
  version: number;
  /** Our user id, only when it came from metadata *we* set at checkout. */
  userId?: string;
  /**
   * The subscription's default card (brand + last 4 only), when the adapter re-read it. Lets checkout.completed
   * record the card even when the provider's payment-method event arrived before the customer was ours.
   */
  paymentMethod?: { brand: string | null; last4: string | null };
}

interface EventBase {
  provider: ProviderName;
  eventId: string;
  /** Provider type string, for logs/metrics. */
  type: string;
  /** Epoch ms. */
  occurredAt: number;
}

export type NormalizedEvent =
  | (EventBase & {
      kind: 'checkout.completed';
      /** Provider checkout session / order / payment-link id. */
      checkoutSessionId: string;
      /** From client_reference_id / metadata we set at checkout — never from the browser. */
      userId?: string;
      customerId?: string;
      subscriptionId?: string;
      productId?: string;
      amount?: number;
      currency?: string;
      paymentId?: string;
      /**
       * Stripe's `payment_status` when known: `unpaid` = completed with a delayed payment method (the money
       * arrives later via an async-payment event), so one-time purchases should not be granted yet.
       */
      paymentStatus?: 'paid' | 'unpaid' | 'no_payment_required';
    })
  | (EventBase & {
      kind: 'subscription.created' | 'subscription.updated' | 'subscription.deleted';
      subscription: SubscriptionSnapshot;
    })
  | (EventBase & {
      kind: 'invoice.paid';
      paymentId: string;
      customerId?: string;
      subscriptionId?: string;
      amount: number;
      currency: string;
    })
  | (EventBase & {
      kind: 'payment.failed';
      paymentId: string;
      customerId?: string;
      subscriptionId?: string;
      amount: number;
      currency: string;
      /** Provider decline/failure code, e.g. `card_declined`. Never card data. */
      failureCode?: string;
      /** Billing email the provider holds (Stripe invoice.customer_email), used only to notify; not stored. */
      customerEmail?: string;
    })
  | (EventBase & {
      kind: 'refund';
      paymentId: string;
      customerId?: string;
      amount: number;
      currency: string;
    })
  | (EventBase & { kind: 'customer.deleted'; customerId: string })
  | (EventBase & { kind: 'payment_method.updated'; customerId: string; brand?: string; last4?: string })
  | (EventBase & { kind: 'not_supported' });

export type NormalizedKind = NormalizedEvent['kind'];

export interface CheckoutInput {
  userId: string;
  product: Product;
  /** From config, with `{CHECKOUT_SESSION_ID}` placeholder kept for the provider to fill. */
  successUrl: string;
  cancelUrl: string;
  /** Same user + product within a short window → same key → provider returns the same session. */
  idempotencyKey: string;
  /** Existing provider customer for this user, if any. */
  customerId?: string;
}

export interface CheckoutSession {
  sessionId: string;
  url: string;
}

export interface CheckoutStatus {
  sessionId: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  userId?: string;
  customerId?: string;
  subscriptionId?: string;
  productId?: string;
  /** The provider payment (e.g. PayPal capture) id, once money has moved. */
  paymentId?: string;
  /** Amount of that payment in minor units, and its lowercase currency. */
  amount?: number;
  currency?: string;
}

export interface ProviderCapabilities {
  /** A hosted billing portal exists (Stripe). Otherwise the UI hides "Manage in portal". */
  portal: boolean;
  /** Cancel at period end supported (else immediate). */
  cancelAtPeriodEnd: boolean;
  /** Verification needs an outbound call (PayPal verify API) — timeouts must be 5xx, never accept. */
  remoteVerification: boolean;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  /** Verify the raw bytes + headers; throw `WebhookVerificationError` on any failure. Never parse before verifying. */
  verifyWebhook(rawBody: Buffer, headers: RawHeaders): Promise<VerifiedEvent>;
  /** Translate a verified provider event into our normalized event (pure). */
  normalize(event: VerifiedEvent): NormalizedEvent;
  createCheckout(input: CheckoutInput): Promise<CheckoutSession>;
  getCheckout(sessionId: string): Promise<CheckoutStatus>;
  /**
   * Providers whose hosted checkout ends with an approval that moves no money (PayPal Orders: APPROVED) take
   * the payment here. Idempotent per session — the success page and the approval webhook may both call it, at
   * once — and an already-captured session is a success reporting that capture. Absent where the hosted
   * checkout charges by itself (Stripe, Square).
   */
  captureCheckout?(sessionId: string): Promise<CheckoutStatus>;
  /** Re-fetch the object: handlers may prefer this over trusting an old payload. */
  getSubscription(subscriptionId: string): Promise<SubscriptionSnapshot>;
  cancelSubscription(subscriptionId: string, opts: { atPeriodEnd: boolean; idempotencyKey: string }): Promise<SubscriptionSnapshot>;
  createPortal(customerId: string, returnUrl: string): Promise<{ url: string }>;
  /** Deletes the provider customer (cancels its subscriptions at the provider). Idempotent: missing = ok. */
  deleteCustomer(customerId: string): Promise<void>;
}
