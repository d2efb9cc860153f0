/**
 * Wire shapes of the payments HTTP API (see DESIGN.md "HTTP contract"). The browser only ever sees these;
 * the server-side config types stay in spec/types.ts.
 */
import type { ProviderName } from '../../../spec/types.ts';

export type { Interval, Product, ProviderName, PublicConfig } from '../../../spec/types.ts';

/** Stripe's words, used for every provider. */
export type SubscriptionStatus = 'active' | 'trialing' | 'past_due' | 'canceled' | 'incomplete' | 'unpaid';

/** One subscription as `GET /api/payments/me` and the subscription routes return it. */
export interface SubscriptionSummary {
  /** What `/api/payments/subscriptions/:id` takes. */
  id: string;
  provider: ProviderName;
  productId: string;
  plan: string;
  status: SubscriptionStatus;
  /** Epoch seconds, or null when the provider has not told us yet. */
  currentPeriodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  /** Epoch seconds; optional (only when the server knows the trial end apart from the period end). */
  trialEnd?: number | null;
}

/** `GET /api/payments/me`. */
export interface PaymentStatus {
  userId: string;
  /** Best plan currently granted; `free` when none. */
  plan: string;
  entitlements: string[];
  subscriptions: SubscriptionSummary[];
  paymentMethod: { brand: string; last4: string } | null;
}

/** `POST /api/payments/checkout`. */
export interface CheckoutResponse {
  url: string;
  sessionId: string;
}

/** `GET /api/payments/checkout/:sessionId`. */
export interface CheckoutSessionStatus {
  sessionId: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  productId: string;
  plan?: string;
}

/** The body of a 402 from a monetized operation. */
export interface PaymentRequiredInfo {
  code: string;
  message: string;
  redirectTo?: string;
}

/** Demo sign-in (`capabilities.devSignIn` only). */
export interface DevUser {
  id: string;
  name: string;
}
