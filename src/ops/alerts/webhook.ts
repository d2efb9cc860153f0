/**
 * Generic signed HTTP webhook. Header `x-uigen-signature: t=<unix>,v1=<hex>` where v1 = HMAC-SHA256(secret,
 * `${t}.${body}`) — the Stripe scheme, so receivers can reuse what they know; the timestamp lets them refuse replays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { postJson } from './http-post.ts';
import type { AlertMessage, AlertSink } from './types.ts';

export const ALERT_SIGNATURE_HEADER = 'x-uigen-signature';

export function signAlertBody(body: string, secret: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/** Receiver-side check (for users' receivers and our tests): constant-time, bounded clock skew. */
export function verifyAlertSignature(
  body: string,
  header: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signAlertBody(body, secret, t).split('v1=')[1], 'hex');
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createWebhookSink(url: string, secret: string, now: () => number = Date.now): AlertSink {
  return {
    name: 'webhook',
    send(m: AlertMessage) {
      const body = JSON.stringify({
        rule: m.rule,
        severity: m.severity,
        title: m.title,
        text: m.text,
        details: m.details,
        at: m.at,
      });
      // Signed at send time (not raise time) so a retried delivery carries a fresh timestamp.
      const header = signAlertBody(body, secret, Math.floor(now() / 1000));
      return postJson(url, body, { [ALERT_SIGNATURE_HEADER]: header });
    },
  };
}
