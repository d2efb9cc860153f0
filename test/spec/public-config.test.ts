/**
 * `toPublicConfig` is what browsers get. Whatever a config holds — including secrets pasted into names,
 * descriptions or features, or a secret key misplaced as the publishable key — no secret field and no
 * secret-looking value may come out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPublicConfig } from '../../src/spec/public-config.ts';
import { SECRET_PATTERNS } from '../../src/spec/secret-patterns.ts';
import type { PaymentsConfig, Product, ProviderConfig } from '../../src/spec/types.ts';

const SECRET_FIELD_NAMES = [
  'apiKey',
  'webhookSecret',
  'webhookSecrets',
  'clientSecret',
  'accessToken',
  'webhookSignatureKey',
  'webhookId',
  'secret',
  'smtpUrl',
];

const alnum = fc.stringMatching(/^[A-Za-z0-9]{12,40}$/);
const secret = fc.oneof(
  alnum.map((s) => `sk_live_${s}`),
  alnum.map((s) => `sk_test_${s}`),
  alnum.map((s) => `rk_live_${s}`),
  alnum.map((s) => `whsec_${s}`),
  fc.stringMatching(/^[A-Za-z0-9_-]{40,60}$/).map((s) => `EAAA${s}`),
  alnum.map((s) => `sq0atp-${s}`),
  alnum.map((s) => `sq0csp-${s}`),
);
/** Any text, sometimes with a secret spliced in. */
const text = fc.oneof(
  fc.string(),
  fc.tuple(fc.string(), secret, fc.string()).map(([a, s, b]) => `${a}${s}${b}`),
  fc.tuple(fc.string(), secret).map(([a, s]) => `${a} ${s}`),
);
const publicKey = fc.oneof(
  alnum.map((s) => `pk_test_${s}`),
  secret,
  fc.string(),
);

const product: fc.Arbitrary<Product> = fc.record(
  {
    id: text,
    name: text,
    description: text,
    type: fc.constantFrom('subscription', 'one_time'),
    price: fc.oneof(fc.nat(), fc.constant('custom' as const)),
    currency: text,
    interval: fc.constantFrom('day', 'week', 'month', 'year'),
    features: fc.array(text, { maxLength: 4 }),
    plan: text,
    providerPriceIds: fc.record({ stripe: text }),
  },
  { requiredKeys: ['id', 'name', 'type', 'price', 'currency', 'features'] },
) as fc.Arbitrary<Product>;

const provider: fc.Arbitrary<ProviderConfig> = fc.oneof(
  fc.record({
    provider: fc.constant('stripe' as const),
    mode: fc.constantFrom('test', 'live'),
    currency: text,
    publishableKey: publicKey,
    apiKey: secret,
    webhookSecrets: fc.array(secret, { minLength: 1, maxLength: 2 }),
    webhookUrl: text,
  }),
  fc.record({
    provider: fc.constant('paypal' as const),
    mode: fc.constantFrom('test', 'live'),
    currency: text,
    clientId: publicKey,
    clientSecret: fc.oneof(secret, fc.string()),
    webhookId: fc.string(),
  }),
  fc.record({
    provider: fc.constant('square' as const),
    mode: fc.constantFrom('test', 'live'),
    currency: text,
    applicationId: publicKey,
    accessToken: secret,
    locationId: text,
    webhookSignatureKey: fc.oneof(secret, fc.string()),
    webhookUrl: text,
  }),
) as fc.Arbitrary<ProviderConfig>;

const config: fc.Arbitrary<PaymentsConfig> = fc.record({
  file: text,
  providers: fc.array(provider, { minLength: 1, maxLength: 3 }),
  successUrl: text,
  cancelUrl: text,
  products: fc.array(product, { maxLength: 5 }),
  pricingPage: fc.record({
    enabled: fc.boolean(),
    source: fc.constantFrom('inline', 'endpoint', 'component'),
    endpoint: text,
    component: text,
    title: text,
    subtitle: text,
    products: fc.array(text, { maxLength: 3 }),
  }),
  monetized: fc.constant([]),
  alerts: fc.record({
    sinks: fc.constant([{ type: 'webhook', url: 'https://h.example', secret: 'whsec_AbCdEfGhIjKlMn' }]),
  }),
  retention: fc.constant({ paymentsDays: 1, webhookPayloadDays: 1, dedupeDays: 30, auditLogDays: 1 }),
  rateLimit: fc.constant({ checkoutPerMinute: 5, apiPerMinute: 120 }),
  webhookMaxBytes: fc.nat(),
}) as unknown as fc.Arbitrary<PaymentsConfig>;

function collect(value: unknown, keys: string[], strings: string[]): void {
  if (typeof value === 'string') strings.push(value);
  else if (Array.isArray(value)) for (const v of value) collect(v, keys, strings);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.push(k);
      collect(v, keys, strings);
    }
  }
}

describe('toPublicConfig', () => {
  it('never contains a secret field or a secret-looking value, whatever the config holds', () => {
    fc.assert(
      fc.property(config, (c) => {
        const keys: string[] = [];
        const strings: string[] = [];
        collect(toPublicConfig(c), keys, strings);
        for (const k of keys) expect(SECRET_FIELD_NAMES).not.toContain(k);
        for (const s of strings) for (const re of SECRET_PATTERNS) expect(re.test(s), s).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps what the browser needs: provider, mode, currency, public keys, products, pricing page', () => {
    const c = {
      providers: [
        {
          provider: 'stripe',
          mode: 'test',
          currency: 'usd',
          publishableKey: 'pk_test_abc123',
          apiKey: 'sk_test_AbCdEfGhIjKlMn',
          webhookSecrets: ['whsec_AbCdEfGhIjKl'],
        },
        {
          provider: 'paypal',
          mode: 'live',
          currency: 'eur',
          clientId: 'AZclient',
          clientSecret: 'shh',
          webhookId: 'WH-1',
        },
        {
          provider: 'square',
          mode: 'test',
          currency: 'usd',
          applicationId: 'sandbox-sq0idb-x',
          accessToken: 'EAAA',
          locationId: 'L1',
          webhookSignatureKey: 'k',
          webhookUrl: 'https://x',
        },
      ],
      products: [
        {
          id: 'pro',
          name: 'Pro',
          type: 'subscription',
          price: 2900,
          currency: 'usd',
          interval: 'month',
          intervalCount: 1,
          features: ['A'],
          plan: 'pro',
          providerPriceIds: { stripe: 'price_1' },
        },
      ],
      pricingPage: { enabled: true, source: 'inline' },
    } as unknown as PaymentsConfig;
    expect(toPublicConfig(c)).toEqual({
      providers: [
        { provider: 'stripe', mode: 'test', currency: 'usd', publishableKey: 'pk_test_abc123' },
        { provider: 'paypal', mode: 'live', currency: 'eur', clientId: 'AZclient' },
        { provider: 'square', mode: 'test', currency: 'usd', applicationId: 'sandbox-sq0idb-x' },
      ],
      products: [
        {
          id: 'pro',
          name: 'Pro',
          type: 'subscription',
          price: 2900,
          currency: 'usd',
          interval: 'month',
          intervalCount: 1,
          features: ['A'],
          plan: 'pro',
        },
      ],
      pricingPage: { enabled: true, source: 'inline' },
    });
  });

  it('drops a publishable key that is really a secret key', () => {
    const c = {
      providers: [
        {
          provider: 'stripe',
          mode: 'test',
          currency: 'usd',
          publishableKey: 'sk_test_AbCdEfGhIjKlMnOp',
          apiKey: 'x',
          webhookSecrets: [],
        },
      ],
      products: [],
      pricingPage: { enabled: false, source: 'inline' },
    } as unknown as PaymentsConfig;
    expect(toPublicConfig(c).providers[0]).toEqual({ provider: 'stripe', mode: 'test', currency: 'usd' });
  });
});

describe('toPublicConfig after loading a spec', () => {
  it('whatever the spec and environment hold, a loaded config projects to nothing secret', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { validateSpecFile } = await import('../../src/spec/load.ts');
    const dir = mkdtempSync(join(tmpdir(), 'uigen-public-'));
    const file = join(dir, 'openapi.json');
    let loaded = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 3, maxLength: 3 }),
        publicKey,
        async ([name, description, feature], pk) => {
          const spec = {
            openapi: '3.1.0',
            info: { title: 't', version: '1' },
            'x-uigen-payments': {
              providers: [
                {
                  provider: 'stripe',
                  mode: 'test',
                  currency: 'usd',
                  publishableKey: '${PK}',
                  apiKey: '${SK}',
                  webhookSecret: '${WH}',
                },
              ],
              successUrl: 'https://a.example/ok',
              cancelUrl: 'https://a.example/no',
              products: [
                { id: 'pro', name: name || 'x', description, price: 100, features: [feature || 'x'] },
              ],
            },
            paths: {},
          };
          writeFileSync(file, JSON.stringify(spec));
          const env = { PK: pk, SK: 'sk_test_AbCdEfGhIjKlMnOp', WH: 'whsec_AbCdEfGhIjKlMn' };
          const r = await validateSpecFile(file, { env, cwd: dir });
          if (!r.config) return;
          loaded++;
          const strings: string[] = [];
          collect(toPublicConfig(r.config), [], strings);
          for (const s of strings) for (const re of SECRET_PATTERNS) expect(re.test(s), s).toBe(false);
        },
      ),
      // A clean example always runs first, so the guard below cannot fail on an unlucky seed (it did once in CI).
      { numRuns: 60, examples: [[['Pro', 'For teams', 'Reports'], 'pk_test_51AbCdEfGhIjKlMn']] },
    );
    // Not vacuous: specs without a secret in them do load.
    expect(loaded).toBeGreaterThan(0);
  });
});
