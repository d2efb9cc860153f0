/**
 * The official SDK client, and the one place SDK errors become ours. The API base override exists for the
 * local sandbox and is honoured only in test mode: a live key must never be sent anywhere but Stripe.
 */
import Stripe from 'stripe';
import { ConfigError, ProviderError } from '../../errors.ts';
import type { StripeProviderConfig } from '../../spec/types.ts';

/** Retries are safe: every mutating call carries an idempotency key (ours or the SDK's own). */
const MAX_NETWORK_RETRIES = 2;
const TIMEOUT_MS = 20_000;

export function createStripeClient(cfg: StripeProviderConfig, apiBase?: string): Stripe {
  const options: Stripe.StripeConfig = {
    maxNetworkRetries: MAX_NETWORK_RETRIES,
    timeout: TIMEOUT_MS,
    telemetry: false,
  };
  if (apiBase && cfg.mode === 'test') {
    let url: URL;
    try {
      url = new URL(apiBase);
    } catch {
      throw new ConfigError('UIGEN_STRIPE_API_BASE is not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ConfigError('UIGEN_STRIPE_API_BASE must be http(s)');
    options.host = url.hostname;
    options.port = url.port || (url.protocol === 'https:' ? 443 : 80);
    options.protocol = url.protocol === 'https:' ? 'https' : 'http';
  }
  return new Stripe(cfg.apiKey, options);
}

/** Codes we pass through to the client as-is (they are Stripe's public, documented words). */
const PASS_THROUGH = new Set([
  'card_declined',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
  'resource_missing',
  'idempotency_error',
]);

/** SDK error → ProviderError with a safe message; the SDK's text stays in `cause` (never logged verbatim). */
export function wrapStripeError(err: unknown, action: string): ProviderError {
  const e = err as { type?: string; code?: string; statusCode?: number };
  const providerCode = typeof e?.code === 'string' ? e.code : undefined;
  if (e?.type === 'StripeCardError') {
    return new ProviderError(
      'stripe',
      providerCode && PASS_THROUGH.has(providerCode) ? providerCode : 'card_declined',
      'the card was declined',
      402,
      { cause: err, providerCode },
    );
  }
  if (e?.statusCode === 404 || providerCode === 'resource_missing') {
    return new ProviderError('stripe', 'not_found', `${action}: not found at the provider`, 404, {
      cause: err,
      providerCode,
    });
  }
  if (e?.type === 'StripeRateLimitError') {
    return new ProviderError(
      'stripe',
      'provider_rate_limited',
      `${action}: the provider is busy, try again`,
      503,
      { cause: err, providerCode },
    );
  }
  if (e?.type === 'StripeIdempotencyError') {
    return new ProviderError('stripe', 'idempotency_error', `${action}: conflicting retry`, 409, {
      cause: err,
      providerCode,
    });
  }
  return new ProviderError('stripe', 'provider_error', `${action} failed at the payment provider`, 502, {
    cause: err,
    providerCode,
  });
}

/** Runs an SDK call, translating any failure. */
export async function callStripe<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw wrapStripeError(err, action);
  }
}
