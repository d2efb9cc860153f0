import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../../../src/errors.ts';
import { signSquarePayload } from '../../../src/providers/square/square-test-signer.ts';
import { safeEqual, verifySquareSignature } from '../../../src/providers/square/square-verify.ts';

const KEY = 'sq-test-signature-key-0123456789';
const URL_ = 'https://api.example.com/webhooks/square';
const keys = { signatureKey: KEY, notificationUrl: URL_ };
const body = readFileSync(new URL('../../fixtures/webhooks/square/payment.updated.json', import.meta.url));

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookVerificationError);
    return (e as WebhookVerificationError).reason;
  }
  throw new Error('expected verification to fail');
}

describe('Square webhook verification', () => {
  it('accepts a body signed over the configured URL and parses the envelope', () => {
    const sig = signSquarePayload(body, URL_, KEY);
    const ev = verifySquareSignature(body, { 'x-square-hmacsha256-signature': sig }, keys);
    expect(ev).toMatchObject({
      provider: 'square',
      id: '6a8f5f28-54a1-4eb0-a98a-3111513fd4fd',
      type: 'payment.updated',
    });
    expect(ev.createdAt).toBe(Date.parse('2026-11-28T10:00:00.000Z'));
  });

  it('rejects a signature made with another key', () => {
    const sig = signSquarePayload(body, URL_, 'other-key');
    expect(reason(() => verifySquareSignature(body, { 'x-square-hmacsha256-signature': sig }, keys))).toMatch(
      /mismatch/,
    );
  });

  it('rejects a missing header and a malformed one', () => {
    expect(reason(() => verifySquareSignature(body, {}, keys))).toMatch(/missing/);
    expect(
      reason(() => verifySquareSignature(body, { 'x-square-hmacsha256-signature': 'not base64!!' }, keys)),
    ).toMatch(/malformed/);
  });

  it('rejects a tampered body and a re-serialized body', () => {
    const sig = signSquarePayload(body, URL_, KEY);
    const tampered = Buffer.from(body.toString().replace('9900', '1'));
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    for (const b of [tampered, reserialized]) {
      expect(reason(() => verifySquareSignature(b, { 'x-square-hmacsha256-signature': sig }, keys))).toMatch(
        /mismatch/,
      );
    }
  });

  it('verifies only against the configured URL, whatever Host / X-Forwarded-* say', () => {
    // Attacker signs over a URL they control and forges the headers a URL-rebuilding verifier would use.
    const forgedUrl = 'https://evil.example/webhooks/square';
    const sig = signSquarePayload(body, forgedUrl, KEY);
    const headers = {
      'x-square-hmacsha256-signature': sig,
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    };
    expect(reason(() => verifySquareSignature(body, headers, keys))).toMatch(/mismatch/);
    // …and the genuine signature still verifies with the same forged headers present.
    headers['x-square-hmacsha256-signature'] = signSquarePayload(body, URL_, KEY);
    expect(verifySquareSignature(body, headers, keys).type).toBe('payment.updated');
  });

  it('ignores the legacy SHA1 x-square-signature header', () => {
    const legacy = createHmac('sha1', KEY)
      .update(URL_ + body.toString())
      .digest('base64');
    expect(reason(() => verifySquareSignature(body, { 'x-square-signature': legacy }, keys))).toMatch(
      /missing/,
    );
  });

  it('a signature of the wrong length fails cleanly instead of throwing from timingSafeEqual', () => {
    const short = Buffer.from('abc').toString('base64');
    expect(
      reason(() => verifySquareSignature(body, { 'x-square-hmacsha256-signature': short }, keys)),
    ).toMatch(/mismatch/);
    expect(safeEqual(Buffer.alloc(32), Buffer.alloc(31))).toBe(false);
    expect(safeEqual(Buffer.alloc(32, 1), Buffer.alloc(32, 1))).toBe(true);
  });

  it('accepts a unicode body byte-for-byte', () => {
    const uni = Buffer.from(
      body.toString().replace('"note": "uigen:user_42|lifetime"', '"note": "Grüße 支払い 💳"'),
    );
    const sig = signSquarePayload(uni, URL_, KEY);
    expect(verifySquareSignature(uni, { 'x-square-hmacsha256-signature': sig }, keys).id).toBeTruthy();
  });

  it('rejects a correctly signed body that is not an event', () => {
    const b = Buffer.from('{"hello":1}');
    const sig = signSquarePayload(b, URL_, KEY);
    expect(reason(() => verifySquareSignature(b, { 'x-square-hmacsha256-signature': sig }, keys))).toMatch(
      /event/,
    );
  });
});
