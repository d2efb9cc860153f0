import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { loadSpec, validateSpecFile } from '../../src/spec/load.ts';
import { EXAMPLES, FIXTURES, REPO, TEST_ENV } from './env-fixtures.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'uigen-spec-'));
}

const MINIMAL = (payments: string) => `openapi: 3.0.3
info: { title: t, version: '1' }
${payments}
paths: {}
`;

const STRIPE_BLOCK = `x-uigen-payments:
  providers:
    - { provider: stripe, mode: test, currency: usd, apiKey: '\${STRIPE_SECRET_KEY}', webhookSecret: '\${STRIPE_WEBHOOK_SECRET}' }
  successUrl: https://app.example.com/ok
  cancelUrl: https://app.example.com/cancel
  products:
    - { id: pro, name: Pro, price: 500, interval: month, plan: pro }`;

describe('loadSpec: the example specs', () => {
  it.each(['saas', 'paypal', 'square'])('examples/%s validates clean with its env vars set', async (name) => {
    const { config, diagnostics } = await loadSpec(`${EXAMPLES}${name}/openapi.yaml`, {
      env: { ...TEST_ENV },
      cwd: REPO,
    });
    expect(diagnostics).toEqual([]);
    expect(config.providers).toHaveLength(1);
    expect(config.products.length).toBeGreaterThan(0);
  });

  it('saas: stripe test mode, the five products, the monetized operations and defaults', async () => {
    const { config } = await loadSpec(`${EXAMPLES}saas/openapi.yaml`, { env: { ...TEST_ENV }, cwd: REPO });
    const stripe = config.providers[0];
    expect(stripe).toMatchObject({
      provider: 'stripe',
      mode: 'test',
      currency: 'usd',
      webhookUrl: 'http://127.0.0.1:4400/webhooks/stripe',
    });
    expect(stripe.provider === 'stripe' && stripe.webhookSecrets).toEqual([TEST_ENV.STRIPE_WEBHOOK_SECRET]);
    expect(config.successUrl).toBe('http://127.0.0.1:4400/payment/success?session_id={CHECKOUT_SESSION_ID}');
    expect(config.products.map((p) => [p.id, p.price, p.plan])).toEqual([
      ['free', 0, 'free'],
      ['pro-monthly', 2900, 'pro'],
      ['pro-yearly', 29000, 'pro'],
      ['team-monthly', 9900, 'team'],
      ['enterprise', 'custom', undefined],
    ]);
    expect(config.monetized).toEqual([
      {
        method: 'GET',
        path: '/reports/{id}',
        plans: ['pro', 'team'],
        message: expect.any(String),
        redirectTo: '/pricing',
      },
      {
        method: 'POST',
        path: '/exports',
        plans: ['pro', 'team'],
        message: expect.any(String),
        redirectTo: '/pricing',
      },
    ]);
    expect(config.retention).toEqual({
      paymentsDays: 2555,
      webhookPayloadDays: 90,
      dedupeDays: 30,
      auditLogDays: 2555,
    });
    expect(config.rateLimit).toEqual({ checkoutPerMinute: 5, apiPerMinute: 120 });
    expect(config.webhookMaxBytes).toBe(262144);
    expect(config.alerts.sinks).toEqual([{ type: 'log' }]);
    expect(config.alerts.failedPayments).toEqual({ threshold: 3, windowMinutes: 60 });
    expect(config.alerts.webhookFailureRate).toEqual({ threshold: 0.1, windowMinutes: 5 });
  });

  it('APP_URL from the environment replaces the ${APP_URL:-…} default', async () => {
    const { config } = await loadSpec(`${EXAMPLES}saas/openapi.yaml`, {
      env: { ...TEST_ENV, APP_URL: 'https://shop.example.com' },
      cwd: REPO,
    });
    expect(config.cancelUrl).toBe('https://shop.example.com/payment/cancel');
  });

  it('paypal: payments under info, and monetized:false on an operation opts it out of its path item', async () => {
    const { config } = await loadSpec(`${EXAMPLES}paypal/openapi.yaml`, { env: { ...TEST_ENV }, cwd: REPO });
    expect(config.monetized.map((m) => `${m.method} ${m.path}`)).toEqual([
      'GET /courses/{courseId}/lessons/{lessonId}',
    ]);
    expect(config.pricingPage.products).toEqual(['membership', 'course-basics']);
  });

  it('square: Swagger 2.0 with products in a $ref-ed file', async () => {
    const { config } = await loadSpec(`${EXAMPLES}square/openapi.yaml`, { env: { ...TEST_ENV }, cwd: REPO });
    expect(config.products.map((p) => p.id)).toEqual(['club-monthly', 'beans-bag']);
    expect(config.monetized).toEqual([{ method: 'GET', path: '/club/perks', plans: [] }]);
  });
});

describe('loadSpec: contract', () => {
  it('returns a deep-frozen config', async () => {
    const { config } = await loadSpec(`${FIXTURES}valid.yaml`, { env: { ...TEST_ENV }, cwd: REPO });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.providers[0])).toBe(true);
    expect(Object.isFrozen(config.products[0].features)).toBe(true);
    expect(() => {
      (config.products as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('throws ConfigError carrying every diagnostic, and never the secret values', async () => {
    const secret = 'sk_live_51SuperSecretValue0001';
    const err = await loadSpec(`${FIXTURES}literal-secret.yaml`, {
      env: { ...TEST_ENV, STRIPE_WEBHOOK_SECRET: 'not-a-whsec', STRIPE_PUBLISHABLE_KEY: secret },
      cwd: REPO,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const codes = (err as ConfigError).diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(['E_LITERAL_SECRET', 'E_SECRET_AS_PUBLISHABLE', 'E_WEBHOOK_SECRET_FORMAT']);
    const text = JSON.stringify((err as ConfigError).diagnostics) + (err as Error).message;
    expect(text).not.toContain(secret);
    expect(text).not.toContain('sk_live_51HxAbCdEfGhIjKlMnOpQrStUv'); // the literal in the fixture
    expect(text).toContain('sk_live_…');
  });

  it('live keys pass with allowLive, and in production mode', async () => {
    const env = {
      ...TEST_ENV,
      STRIPE_SECRET_KEY: 'sk_live_51AbCdEfGhIjKlMnOp',
      STRIPE_PUBLISHABLE_KEY: 'pk_live_51AbCdEfGhIjKl',
    };
    const file = `${FIXTURES}live-mode-not-production.yaml`;
    await expect(loadSpec(file, { env, cwd: REPO, allowLive: true })).resolves.toHaveProperty(
      'config.providers.0.mode',
      'live',
    );
    await expect(
      loadSpec(file, { env: { ...env, NODE_ENV: 'production' }, cwd: REPO }),
    ).resolves.toHaveProperty('config');
    await expect(loadSpec(file, { env, cwd: REPO, mode: 'production' })).resolves.toHaveProperty('config');
  });

  it('http://localhost is fine in development but not in production', async () => {
    const dir = tempDir();
    const file = join(dir, 'openapi.yaml');
    writeFileSync(
      file,
      MINIMAL(STRIPE_BLOCK.replace('https://app.example.com/ok', 'http://localhost:3000/ok')),
    );
    await expect(loadSpec(file, { env: { ...TEST_ENV }, cwd: dir })).resolves.toHaveProperty('config');
    const r = await validateSpecFile(file, { env: { ...TEST_ENV }, cwd: dir, mode: 'production' });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'W_TEST_MODE_IN_PRODUCTION', severity: 'warning' }),
      expect.objectContaining({ code: 'E_URL_INSECURE', pointer: '/x-uigen-payments/successUrl', line: 6 }),
    ]);
  });

  it('a missing file is one E_FILE_NOT_FOUND diagnostic, not an exception', async () => {
    const r = await validateSpecFile('does/not/exist.yaml', { env: {}, cwd: REPO });
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'E_FILE_NOT_FOUND', severity: 'error' })]);
    await expect(loadSpec('does/not/exist.yaml', { env: {}, cwd: REPO })).rejects.toBeInstanceOf(ConfigError);
  });

  it('reads JSON specs and still reports line:column into the JSON text', async () => {
    const dir = tempDir();
    const file = join(dir, 'openapi.json');
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      'x-uigen-payments': {
        providers: [
          {
            provider: 'stripe',
            mode: 'test',
            currency: 'usd',
            apiKey: '${STRIPE_SECRET_KEY}',
            webhookSecret: 'whsec_LiteralInJson0001',
          },
        ],
        successUrl: 'https://a.example/ok',
        cancelUrl: 'https://a.example/no',
        products: [{ id: 'pro', name: 'Pro', price: 100 }],
      },
      paths: {},
    };
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const r = await validateSpecFile(file, { env: { ...TEST_ENV }, cwd: dir });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'E_LITERAL_SECRET',
        file: 'openapi.json',
        pointer: '/x-uigen-payments/providers/0/webhookSecret',
        line: 14, // JSON.stringify(doc, null, 2): `        "webhookSecret": "whsec_…"`
        column: 26,
      }),
    ]);
  });

  it('resolves $ref chains inside the payments block and recursive schemas without hanging', async () => {
    const dir = tempDir();
    const file = join(dir, 'openapi.yaml');
    writeFileSync(
      file,
      `openapi: 3.1.0
info: { title: t, version: '1' }
x-uigen-payments:
  $ref: '#/components/x-payments'
paths:
  /tree:
    get:
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '#/components/schemas/Node' } } }
components:
  schemas:
    Node:
      type: object
      properties:
        children: { type: array, items: { $ref: '#/components/schemas/Node' } }
  x-payments:
    providers:
      - { provider: stripe, mode: test, currency: eur, apiKey: '\${STRIPE_SECRET_KEY}', webhookSecret: '\${STRIPE_WEBHOOK_SECRET}' }
    successUrl: https://a.example/ok
    cancelUrl: https://a.example/no
    products: [{ id: pro, name: Pro, price: 100 }]
`,
    );
    const r = await validateSpecFile(file, { env: { ...TEST_ENV }, cwd: dir });
    expect(r.diagnostics).toEqual([]);
    const { config, document } = await loadSpec(file, { env: { ...TEST_ENV }, cwd: dir });
    expect(config.products[0].currency).toBe('eur');
    const node = (document as any).components.schemas.Node;
    expect(node.properties.children.items).toBe(node);
  });

  it('a self-referencing $ref is an error, not a hang', async () => {
    const dir = tempDir();
    const file = join(dir, 'openapi.yaml');
    writeFileSync(
      file,
      MINIMAL(
        `${STRIPE_BLOCK}\ncomponents:\n  x-a: { $ref: '#/components/x-b' }\n  x-b: { $ref: '#/components/x-a' }`,
      ),
    );
    const r = await validateSpecFile(file, { env: { ...TEST_ENV }, cwd: dir });
    expect(r.diagnostics.map((d) => d.code)).toContain('E_REF_CYCLE');
  });

  it('a comma-separated webhook secret is split for rotation', async () => {
    const env = { ...TEST_ENV, STRIPE_WEBHOOK_SECRET: 'whsec_NewSecret000001,whsec_OldSecret000001' };
    const { config } = await loadSpec(`${FIXTURES}valid.yaml`, { env, cwd: REPO });
    const p = config.providers[0];
    expect(p.provider === 'stripe' && p.webhookSecrets).toEqual([
      'whsec_NewSecret000001',
      'whsec_OldSecret000001',
    ]);
  });

  it('zero-decimal currencies take whole units', async () => {
    const dir = tempDir();
    const file = join(dir, 'openapi.yaml');
    writeFileSync(file, MINIMAL(STRIPE_BLOCK.replace('price: 500', 'price: 980, currency: jpy')));
    const { config } = await loadSpec(file, { env: { ...TEST_ENV }, cwd: dir });
    expect(config.products[0]).toMatchObject({ price: 980, currency: 'jpy' });
    writeFileSync(file, MINIMAL(STRIPE_BLOCK.replace('price: 500', 'price: 9.8, currency: jpy')));
    const r = await validateSpecFile(file, { env: { ...TEST_ENV }, cwd: dir });
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_PRICE' });
    expect(r.diagnostics[0].message).toContain('zero-decimal');
  });
});

describe('diagnostic messages never quote a secret', () => {
  it('a secret used as a product id, currency or plan is not echoed back', async () => {
    const dir = tempDir();
    const file = join(dir, 'openapi.json');
    const secret = 'sk_live_51EchoEchoEchoEcho';
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      'x-uigen-payments': {
        providers: [
          {
            provider: 'stripe',
            mode: 'test',
            currency: 'usd',
            apiKey: '${STRIPE_SECRET_KEY}',
            webhookSecret: '${STRIPE_WEBHOOK_SECRET}',
          },
        ],
        successUrl: 'https://a.example/ok',
        cancelUrl: 'https://a.example/no',
        products: [
          { id: secret, name: 'A', price: 1, currency: secret },
          { id: secret, name: 'B', price: 1 },
        ],
        pricingPage: { products: [secret, 'whsec_EchoEchoEchoEcho'] },
      },
      paths: { '/x': { get: { 'x-uigen-monetized': { plans: [secret] } } } },
    };
    writeFileSync(file, JSON.stringify(doc));
    const r = await validateSpecFile(file, { env: { ...TEST_ENV }, cwd: dir });
    expect(r.diagnostics.length).toBeGreaterThan(3);
    const text = JSON.stringify(r.diagnostics.map((d) => d.message));
    expect(text).not.toContain('EchoEcho');
  });
});
