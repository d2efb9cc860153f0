/**
 * PayPal webhook verification, done locally (no verify-webhook-signature round trip): PayPal signs
 * `transmissionId|transmissionTime|webhookId|crc32(body)` with SHA256withRSA using the certificate at
 * `paypal-cert-url`. CRC32 is the unsigned decimal (a signed rendering fails for half of all bodies), and the
 * webhook id is ours from config, so an event signed for another merchant's webhook does not verify here.
 */

import { verify } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { WebhookVerificationError } from '../../errors.ts';
import { parseEventObject } from '../event-body.ts';
import type { RawHeaders, VerifiedEvent } from '../types.ts';
import { type CertStore, type CertUrlPolicy, checkCertUrl } from './paypal-cert.ts';

export const PAYPAL_AUTH_ALGO = 'SHA256withRSA';
/** A transmission older than this is a replay, not a retry (PayPal re-signs each retry). */
export const PAYPAL_MAX_AGE_SECONDS = 300;
export const PAYPAL_FUTURE_SKEW_SECONDS = 60;

export interface PaypalVerifyDeps {
  webhookId: string;
  policy: CertUrlPolicy;
  certs: CertStore;
  now: () => number;
}

function header(headers: RawHeaders, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}

/** The exact string PayPal signs. */
export function paypalSignedMessage(
  transmissionId: string,
  time: string,
  webhookId: string,
  rawBody: Buffer | string,
): string {
  return `${transmissionId}|${time}|${webhookId}|${crc32(rawBody) >>> 0}`;
}

export async function verifyPaypalSignature(
  rawBody: Buffer,
  headers: RawHeaders,
  deps: PaypalVerifyDeps,
): Promise<VerifiedEvent> {
  if (!Buffer.isBuffer(rawBody)) throw new WebhookVerificationError('body is not the raw bytes?');
  if (rawBody.length === 0) throw new WebhookVerificationError('empty body');
  const id = header(headers, 'paypal-transmission-id');
  const time = header(headers, 'paypal-transmission-time');
  const sig = header(headers, 'paypal-transmission-sig');
  const certUrl = header(headers, 'paypal-cert-url');
  const algo = header(headers, 'paypal-auth-algo');
  if (!id || !time || !sig || !certUrl || !algo)
    throw new WebhookVerificationError('missing signature headers');
  if (algo !== PAYPAL_AUTH_ALGO) throw new WebhookVerificationError('auth algorithm not SHA256withRSA');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sig)) throw new WebhookVerificationError('malformed signature');

  // Cheap checks first: a stale or future time is rejected before any certificate is fetched.
  const sent = Date.parse(time);
  if (!Number.isFinite(sent)) throw new WebhookVerificationError('malformed transmission time');
  const ageSec = (deps.now() - sent) / 1000;
  if (ageSec > PAYPAL_MAX_AGE_SECONDS) throw new WebhookVerificationError('transmission time too old');
  if (-ageSec > PAYPAL_FUTURE_SKEW_SECONDS)
    throw new WebhookVerificationError('transmission time in the future');

  const leaf = await deps.certs.leafFor(checkCertUrl(certUrl, deps.policy));
  const message = Buffer.from(paypalSignedMessage(id, time, deps.webhookId, rawBody), 'utf8');
  let ok = false;
  try {
    ok = verify('sha256', message, leaf.publicKey, Buffer.from(sig, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw new WebhookVerificationError('signature mismatch (raw body? webhook id?)');
  return parsePaypalEvent(rawBody);
}

function parsePaypalEvent(rawBody: Buffer): VerifiedEvent {
  const payload = parseEventObject(rawBody);
  const { id, event_type: type, create_time: created } = payload;
  const createdAt = typeof created === 'string' ? Date.parse(created) : Number.NaN;
  if (typeof id !== 'string' || !id || typeof type !== 'string' || !type || !Number.isFinite(createdAt)) {
    throw new WebhookVerificationError('event missing id/event_type/create_time');
  }
  return { provider: 'paypal', id, type, createdAt, payload };
}
