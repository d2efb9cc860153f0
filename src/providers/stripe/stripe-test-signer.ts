/**
 * Test signer for Stripe webhooks, the counterpart of stripe-verify.ts. Delegates to the SDK's
 * `generateTestHeaderString` so the header format is Stripe's own, not our reading of it.
 */
import Stripe from 'stripe';

export interface SignOptions {
  /** Epoch seconds for `t=`; defaults to now. */
  timestamp?: number;
  /** `v0` produces a header our verifier must reject (only v1 counts). */
  scheme?: 'v1' | 'v0';
}

/** Returns a `Stripe-Signature` header value for `body` signed with `secret`. */
export function signStripePayload(body: string, secret: string, opts: SignOptions = {}): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
    scheme: opts.scheme ?? 'v1',
  });
}
