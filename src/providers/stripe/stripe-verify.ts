/**
 * Stripe webhook signature verification (`Stripe-Signature: t=…,v1=…`). Hand-rolled on node:crypto rather
 * than `stripe.webhooks.constructEvent` because we need what the SDK leaves out: a rejected *future*
 * timestamp, a tolerance that cannot be switched off, one header parse for every rotated secret, and short
 * secret-free failure reasons instead of SDK prose. The signer in stripe-test-signer.ts uses the SDK, so the
 * tests prove both sides agree on the wire format.
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../../errors.ts';
import type { RawHeaders, VerifiedEvent } from '../types.ts';

/** Seconds a signature stays valid. Fixed: 0 (off) or hours-long windows would make replays easy. */
export const STRIPE_TOLERANCE_SECONDS = 300;
/** How far in the future a `t` may be (clock skew between Stripe and us). */
export const STRIPE_FUTURE_SKEW_SECONDS = 60;

interface ParsedHeader {
  timestamp: number;
  v1: Buffer[];
}

function headerValue(headers: RawHeaders): string | undefined {
  const v = headers['stripe-signature'];
  return Array.isArray(v) ? v[0] : v;
}

function parseHeader(header: string): ParsedHeader {
  let timestamp = Number.NaN;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Only v1 counts: v0 (and anything unknown) is ignored, so a v0-only header fails below.
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) v1.push(Buffer.from(value, 'hex'));
  }
  if (!Number.isFinite(timestamp)) throw new WebhookVerificationError('malformed signature header');
  if (v1.length === 0) throw new WebhookVerificationError('no v1 signature');
  return { timestamp, v1 };
}

function anyMatch(expected: Buffer, candidates: Buffer[]): boolean {
  let found = false;
  // Compare against every candidate (no early exit) so timing does not reveal which one matched.
  for (const c of candidates) if (timingSafeEqual(expected, c)) found = true;
  return found;
}

/** Secrets as HMAC keys, imported once: per-request key import is a measurable share of verify time. */
export function stripeSigningKeys(secrets: readonly string[]): KeyObject[] {
  return secrets.map((s) => createSecretKey(Buffer.from(s, 'utf8')));
}

/**
 * Checks the signature over the exact raw bytes with each secret (rotation) and the timestamp window, then
 * parses the event. Throws `WebhookVerificationError` with a short reason on any failure.
 */
export function verifyStripeSignature(
  rawBody: Buffer,
  headers: RawHeaders,
  secrets: readonly (string | KeyObject)[],
  nowMs: number,
): VerifiedEvent {
  if (!Buffer.isBuffer(rawBody)) throw new WebhookVerificationError('body is not the raw bytes?');
  if (rawBody.length === 0) throw new WebhookVerificationError('empty body');
  const header = headerValue(headers);
  if (!header) throw new WebhookVerificationError('missing signature header');
  const { timestamp, v1 } = parseHeader(header);

  const prefix = Buffer.from(`${timestamp}.`, 'utf8');
  let matched = false;
  for (const secret of secrets) {
    const mac = createHmac('sha256', secret).update(prefix).update(rawBody).digest();
    if (anyMatch(mac, v1)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('signature mismatch (body is not the raw bytes?)');

  const nowSec = Math.floor(nowMs / 1000);
  if (nowSec - timestamp > STRIPE_TOLERANCE_SECONDS)
    throw new WebhookVerificationError('timestamp outside tolerance');
  if (timestamp - nowSec > STRIPE_FUTURE_SKEW_SECONDS)
    throw new WebhookVerificationError('timestamp in the future');

  return parseVerifiedEvent(rawBody);
}

function parseVerifiedEvent(rawBody: Buffer): VerifiedEvent {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('body is not JSON');
  }
  if (!payload || typeof payload !== 'object') throw new WebhookVerificationError('body is not an event');
  // Thin (v2) events carry no snapshot and must be fetched; we only accept full v1 snapshot events.
  if (payload.object === 'v2.core.event' || 'related_object' in payload)
    throw new WebhookVerificationError('thin event not supported');
  if (payload.object !== 'event') throw new WebhookVerificationError('body is not an event');
  const { id, type, created } = payload;
  if (typeof id !== 'string' || !id || typeof type !== 'string' || typeof created !== 'number') {
    throw new WebhookVerificationError('event missing id/type/created');
  }
  return { provider: 'stripe', id, type, createdAt: created * 1000, payload };
}
