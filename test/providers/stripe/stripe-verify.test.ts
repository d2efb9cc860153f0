import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../../../src/errors.ts';
import { createStripeProvider } from '../../../src/providers/stripe/index.ts';
import { signStripePayload } from '../../../src/providers/stripe/stripe-test-signer.ts';
import type { StripeProviderConfig } from '../../../src/spec/types.ts';
import { stripeFixture } from './fixtures.ts';

const SECRET = 'whsec_test_primary_0123456789abcdef';
const OLD_SECRET = 'whsec_test_rotated_fedcba9876543210';
const NOW = 1_764_320_500_000;
const NOW_S = NOW / 1000;

function cfg(secrets: string[] = [SECRET]): StripeProviderConfig {
  return {
    provider: 'stripe',
    mode: 'test',
    currency: 'usd',
    apiKey: 'sk_test_verifyonly000',
    webhookSecrets: secrets,
  };
}

const provider = createStripeProvider(cfg([SECRET, OLD_SECRET]), { now: () => NOW });
const body = stripeFixture('invoice.paid');

async function reason(raw: Buffer | string, header: string | undefined, p = provider): Promise<string> {
  const headers = header === undefined ? {} : { 'stripe-signature': header };
  try {
    await p.verifyWebhook(Buffer.isBuffer(raw) ? raw : Buffer.from(raw), headers);
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookVerificationError);
    return (err as WebhookVerificationError).reason;
  }
  return 'accepted';
}

describe('stripe verifyWebhook', () => {
  it('accepts a correctly signed event and returns its id, type and time', async () => {
    const ev = await provider.verifyWebhook(Buffer.from(body), {
      'stripe-signature': signStripePayload(body, SECRET, { timestamp: NOW_S }),
    });
    expect(ev).toMatchObject({
      provider: 'stripe',
      id: 'evt_1SNfG4LkdIwHu7ixInvPaid01',
      type: 'invoice.paid',
      createdAt: 1764320002000,
    });
    expect((ev.payload as { data: { object: { id: string } } }).data.object.id).toBe(
      'in_1SNfG1LkdIwHu7ixInv00001',
    );
  });

  it('rejects a signature made with another secret', async () => {
    expect(
      await reason(body, signStripePayload(body, 'whsec_attacker_000000000', { timestamp: NOW_S })),
    ).toMatch(/mismatch/);
  });

  it('rejects a missing or empty header', async () => {
    expect(await reason(body, undefined)).toBe('missing signature header');
    expect(await reason(body, '')).toBe('missing signature header');
  });

  it('rejects malformed headers', async () => {
    expect(await reason(body, 'garbage')).toBe('malformed signature header');
    expect(await reason(body, `t=abc,v1=${'a'.repeat(64)}`)).toBe('malformed signature header');
    expect(await reason(body, `t=${NOW_S},v1=zz`)).toBe('no v1 signature');
  });

  it('rejects a v0-only header even when the v0 value is a valid HMAC', async () => {
    expect(await reason(body, signStripePayload(body, SECRET, { timestamp: NOW_S, scheme: 'v0' }))).toBe(
      'no v1 signature',
    );
  });

  it('accepts when any of several v1 signatures matches', async () => {
    const good = signStripePayload(body, SECRET, { timestamp: NOW_S });
    const header = `t=${NOW_S},v1=${'0'.repeat(64)},${good.split(',')[1]}`;
    expect(await reason(body, header)).toBe('accepted');
  });

  it('tries every configured secret (rotation)', async () => {
    expect(await reason(body, signStripePayload(body, OLD_SECRET, { timestamp: NOW_S }))).toBe('accepted');
    const onlyNew = createStripeProvider(cfg([SECRET]), { now: () => NOW });
    expect(await reason(body, signStripePayload(body, OLD_SECRET, { timestamp: NOW_S }), onlyNew)).toMatch(
      /mismatch/,
    );
  });

  it.each([
    [-299, 'accepted'],
    [-300, 'accepted'],
    [-301, 'timestamp outside tolerance'],
    [+30, 'accepted'],
    [+60, 'accepted'],
    [+61, 'timestamp in the future'],
    [+600, 'timestamp in the future'],
  ])('timestamp offset %i s → %s', async (offset, expected) => {
    expect(await reason(body, signStripePayload(body, SECRET, { timestamp: NOW_S + offset }))).toBe(expected);
  });

  it('rejects a re-serialized body (parsed and stringified again)', async () => {
    const header = signStripePayload(body, SECRET, { timestamp: NOW_S });
    expect(await reason(JSON.stringify(JSON.parse(body)), header)).toMatch(/raw bytes/);
    expect(await reason(JSON.stringify(JSON.parse(body), null, 4), header)).toMatch(/raw bytes/);
  });

  it('accepts a unicode body byte-for-byte', async () => {
    const ev = JSON.parse(stripeFixture('customer.created'));
    ev.data.object.name = 'Zoë Ångström — 支払い 💳';
    const uni = JSON.stringify(ev);
    const verified = await provider.verifyWebhook(Buffer.from(uni, 'utf8'), {
      'stripe-signature': signStripePayload(uni, SECRET, { timestamp: NOW_S }),
    });
    expect((verified.payload as { data: { object: { name: string } } }).data.object.name).toBe(
      'Zoë Ångström — 支払い 💳',
    );
  });

  it('rejects thin (v2) event notifications even when correctly signed', async () => {
    const thin = stripeFixture('v1.billing.meter.error_report_triggered.thin');
    expect(await reason(thin, signStripePayload(thin, SECRET, { timestamp: NOW_S }))).toBe(
      'thin event not supported',
    );
  });

  it('rejects a signed body that is not an event', async () => {
    const notEvent = '{"id":"cus_1","object":"customer"}';
    expect(await reason(notEvent, signStripePayload(notEvent, SECRET, { timestamp: NOW_S }))).toBe(
      'body is not an event',
    );
  });

  it('matches a hand-computed HMAC (the signer is not checking itself)', async () => {
    const mac = createHmac('sha256', SECRET).update(`${NOW_S}.${body}`).digest('hex');
    expect(signStripePayload(body, SECRET, { timestamp: NOW_S })).toBe(`t=${NOW_S},v1=${mac}`);
  });

  it('refuses to start without a webhook secret (fail closed)', () => {
    expect(() => createStripeProvider(cfg([]))).toThrow(/webhook secret/);
    expect(() => createStripeProvider(cfg(['']))).toThrow(/webhook secret/);
  });
});
