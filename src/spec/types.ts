/**
 * The validated, frozen payments configuration. Produced once by `loadSpec()` (spec/), then passed in —
 * nothing else reads the spec or `process.env`. Holds secrets: never send it to a browser; use
 * `toPublicConfig()` for that.
 */
export type ProviderName = 'stripe' | 'paypal' | 'square';
export type Mode = 'test' | 'live';

interface ProviderBase {
  provider: ProviderName;
  mode: Mode;
  /** ISO 4217, lowercase. */
  currency: string;
  /** Public HTTPS URL the provider posts to (Square signs over it; never rebuilt from request headers). */
  webhookUrl?: string;
}

export interface StripeProviderConfig extends ProviderBase {
  provider: 'stripe';
  publishableKey?: string;
  apiKey: string;
  /** One or more signing secrets (comma-separated env value = rotation). Never empty. */
  webhookSecrets: string[];
}

export interface PaypalProviderConfig extends ProviderBase {
  provider: 'paypal';
  clientId: string;
  clientSecret: string;
  webhookId: string;
}

export interface SquareProviderConfig extends ProviderBase {
  provider: 'square';
  applicationId: string;
  accessToken: string;
  locationId: string;
  webhookSignatureKey: string;
  webhookUrl: string;
}

export type ProviderConfig = StripeProviderConfig | PaypalProviderConfig | SquareProviderConfig;

export type Interval = 'day' | 'week' | 'month' | 'year';

export interface Product {
  id: string;
  name: string;
  description?: string;
  type: 'subscription' | 'one_time';
  /** Minor units (cents; yen for zero-decimal currencies), or 'custom' (contact sales, no checkout). */
  price: number | 'custom';
  currency: string;
  interval?: Interval;
  intervalCount?: number;
  features: string[];
  highlighted?: boolean;
  trialDays?: number;
  /** Plan name granted while this product is paid for (what `x-uigen-monetized.plans` refers to). */
  plan?: string;
  /** Pre-created provider price ids, e.g. `{ stripe: 'price_123' }`; otherwise prices are sent inline. */
  providerPriceIds?: Partial<Record<ProviderName, string>>;
}

export interface PricingPageConfig {
  enabled: boolean;
  source: 'inline' | 'endpoint' | 'component';
  endpoint?: string;
  component?: string;
  title?: string;
  subtitle?: string;
  /** Product ids shown, in order (from `pricingPage.products`); absent = every product. */
  products?: string[];
}

/** One `x-uigen-monetized` operation (or every operation of a monetized path item). */
export interface MonetizedOperation {
  /** Upper-case HTTP method. */
  method: string;
  /** OpenAPI path template, e.g. `/reports/{id}`. */
  path: string;
  /** Plans that may call it; empty = any paid plan. */
  plans: string[];
  message?: string;
  redirectTo?: string;
}

export type AlertSinkConfig =
  | { type: 'slack'; url: string }
  | { type: 'webhook'; url: string; secret: string }
  | { type: 'email'; smtpUrl: string; from: string; to: string[] }
  | { type: 'log' };

export interface AlertsConfig {
  sinks: AlertSinkConfig[];
  /** More than `threshold` failed payments for one customer within `windowMinutes` → flag for review. */
  failedPayments: { threshold: number; windowMinutes: number };
  /** Checkout attempts per user or IP within the window that count as suspicious velocity. */
  checkoutVelocity: { threshold: number; windowMinutes: number };
  /** Webhook processing failure rate (0..1) over `windowMinutes` that raises an alert. */
  webhookFailureRate: { threshold: number; windowMinutes: number };
  inboxLagSeconds: number;
  /** Suppress identical alerts within this many minutes. */
  dedupeMinutes: number;
  /** Send the customer an email when a payment fails (needs an email sink). */
  notifyCustomer: boolean;
  /** Pause a flagged user's checkout until the flag is cleared. */
  pauseCheckoutOnFlag: boolean;
}

export interface RetentionConfig {
  paymentsDays: number;
  webhookPayloadDays: number;
  /** At least 30: provider retries arrive for days; shorter would let a duplicate apply twice. */
  dedupeDays: number;
  auditLogDays: number;
}

export interface RateLimitConfig {
  /** Checkout attempts per user per minute. */
  checkoutPerMinute: number;
  /** All other API routes, per user (or IP when anonymous) per minute. */
  apiPerMinute: number;
}

export interface PaymentsConfig {
  /** Absolute path of the spec file (diagnostics, audit). */
  file: string;
  providers: ProviderConfig[];
  successUrl: string;
  cancelUrl: string;
  products: Product[];
  pricingPage: PricingPageConfig;
  monetized: MonetizedOperation[];
  alerts: AlertsConfig;
  retention: RetentionConfig;
  rateLimit: RateLimitConfig;
  /** Largest webhook body accepted, bytes (default 256 KiB). */
  webhookMaxBytes: number;
}

/** Browser-safe projection: no secret field, ever. */
export interface PublicConfig {
  providers: Array<{
    provider: ProviderName;
    mode: Mode;
    currency: string;
    publishableKey?: string;
    clientId?: string;
    applicationId?: string;
  }>;
  products: Product[];
  pricingPage: PricingPageConfig;
  /**
   * Origins the browser may be redirected to for hosted checkout/portal (provider checkout origins, plus the
   * local sandbox in test mode). Added by the server; PaymentButton refuses any other redirect target.
   */
  checkoutOrigins?: string[];
  /** Features the server enables for this deployment (e.g. dev sign-in, portal per provider). */
  capabilities?: { devSignIn?: boolean; portal?: Partial<Record<ProviderName, boolean>> };
}
