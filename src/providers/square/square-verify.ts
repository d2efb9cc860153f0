/**
 * Square webhook verification: base64 HMAC-SHA256 over the *configured* notification URL followed by the raw
 * body, header `x-square-hmacsha256-signature`. Hand-rolled because the SDK helper compares with `===`
 * (not constant-time). The notification URL always comes from config: a URL rebuilt from Host or
 * X-Forwarded-* headers would let an attacker choose half of the signed message. The legacy SHA1
 * `x-square-signature` header is ignored on purpose.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../../errors.ts';
import { parseEventObject } from '../event-body.ts';
import type { RawHeaders, VerifiedEvent } from '../types.ts';

export const SQUARE_SIGNATURE_HEADER = 'x-square-hmacsha256-signature';

export interface SquareVerifyKeys {
  /** The subscription's signature key (config `webhookSignatureKey`). */
  signatureKey: string;
  /** The notification URL exactly as registered with Square (config `webhookUrl`). */
  notificationUrl: string;
}

function headerValue(headers: RawHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Constant-time equality that also accepts different lengths (returns false instead of throwing). */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

export function squareSignature(
  rawBody: Buffer | string,
  notificationUrl: string,
  signatureKey: string,
): Buffer {
  return createHmac('sha256', signatureKey).update(notificationUrl, 'utf8').update(rawBody).digest();
}

/** Verifies the signature over the exact bytes, then parses the event envelope. */
export function verifySquareSignature(
  rawBody: Buffer,
  headers: RawHeaders,
  keys: SquareVerifyKeys,
): VerifiedEvent {
  if (!Buffer.isBuffer(rawBody)) throw new WebhookVerificationError('body is not the raw bytes?');
  if (rawBody.length === 0) throw new WebhookVerificationError('empty body');
  const header = headerValue(headers, SQUARE_SIGNATURE_HEADER)?.trim();
  if (!header) throw new WebhookVerificationError('missing signature header');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(header))
    throw new WebhookVerificationError('malformed signature header');
  const given = Buffer.from(header, 'base64');
  const expected = squareSignature(rawBody, keys.notificationUrl, keys.signatureKey);
  if (!safeEqual(expected, given)) {
    throw new WebhookVerificationError('signature mismatch (raw body? notification URL as registered?)');
  }
  return parseSquareEvent(rawBody);
}

function parseSquareEvent(rawBody: Buffer): VerifiedEvent {
  const payload = parseEventObject(rawBody);
  const { event_id: id, type, created_at: createdAt } = payload;
  const created = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
  if (typeof id !== 'string' || !id || typeof type !== 'string' || !type || !Number.isFinite(created)) {
    throw new WebhookVerificationError('event missing event_id/type/created_at');
  }
  return { provider: 'square', id, type, createdAt: created, payload };
}
