/**
 * Random and mutated webhook requests on every provider route: never a 5xx from bad input, never a stored
 * event (or any state change) without a valid signature. Bounded: a fixed number of runs per property.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signStripePayload } from '../../src/providers/stripe/stripe-test-signer.ts';
import { type TestStack, startStack } from '../support/stack.ts';

let stack: TestStack;
let secrets: Record<string, string>;
beforeAll(async () => {
  stack = await startStack({ specFile: join(import.meta.dirname, 'all-providers.yaml') });
  secrets = JSON.parse(readFileSync(join(stack.dir, '.uigen/dev-secrets.json'), 'utf8'));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const inboxTotal = async () => {
  const s = await stack.server.store.inbox.stats(Date.now());
  return s.pending + s.processing + s.done + s.dead;
};

const SIGNATURE_HEADERS = [
  'stripe-signature',
  'x-square-hmacsha256-signature',
  'x-square-signature',
  'paypal-transmission-id',
  'paypal-transmission-time',
  'paypal-transmission-sig',
  'paypal-cert-url',
  'paypal-auth-algo',
];

const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constant('t=1,v1=00'),
  fc.integer().map((n) => `t=${Math.floor(Date.now() / 1000) + n},v1=${'a'.repeat(64)}`),
  fc.constant('https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77'),
  fc.constant('http://user@169.254.169.254/latest'),
  fc.constant('SHA256withRSA'),
);

const body = fc.oneof(
  fc.string({ maxLength: 2000 }),
  fc.json({ maxDepth: 4 }),
  fc.constant('{"id":"evt_1","type":"invoice.paid","object":"event","data":{"object":{}}}'),
  fc.uint8Array({ maxLength: 1000 }).map((a) => Buffer.from(a).toString('latin1')),
);

const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '');

describe('webhook routes under random input', () => {
  test.each(['stripe', 'paypal', 'square'])('/webhooks/%s: no 5xx, nothing stored without a valid signature', async (provider) => {
    const before = await inboxTotal();
    await fc.assert(
      fc.asyncProperty(
        body,
        contentType,
        fc.dictionary(fc.constantFrom(...SIGNATURE_HEADERS), headerValue, { maxKeys: 6 }),
        async (payload, type, headers) => {
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(headers)) if (/^[\t\x20-\x7e]*$/.test(v)) h[k] = v;
          if (type) h['content-type'] = type;
          const res = await fetch(`${stack.appUrl}/webhooks/${provider}`, { method: 'POST', headers: h, body: payload });
          const text = await res.text();
          expect(res.status, text).toBeGreaterThanOrEqual(400);
          expect(res.status, text).toBeLessThan(500);
          expect(JSON.parse(text).error.requestId).toMatch(/^req_/);
        },
      ),
      { numRuns: 120 },
    );
    expect(await inboxTotal()).toBe(before);
  });

  test('a validly signed Stripe event mutated in one byte is rejected and not stored', async () => {
    const event = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/webhooks/stripe/invoice.paid.json'), 'utf8'));
    const raw = JSON.stringify({ ...event, id: 'evt_fuzz_mutation' });
    const before = await inboxTotal();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 1, max: 94 }), async (pos, delta) => {
        const code = ((raw.charCodeAt(pos) - 32 + delta) % 95) + 32;
        const mutated = raw.slice(0, pos) + String.fromCharCode(code) + raw.slice(pos + 1);
        fc.pre(mutated !== raw);
        const res = await fetch(`${stack.appUrl}/webhooks/stripe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signStripePayload(raw, secrets.stripeWebhookSecret) },
          body: mutated,
        });
        expect(res.status).toBe(400);
      }),
      { numRuns: 80 },
    );
    expect(await inboxTotal()).toBe(before);
    // The untouched body with the same signature is accepted: the property above is not vacuous.
    const ok = await fetch(`${stack.appUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signStripePayload(raw, secrets.stripeWebhookSecret) },
      body: raw,
    });
    expect(ok.status).toBe(200);
    expect(await inboxTotal()).toBe(before + 1);
  });
});
