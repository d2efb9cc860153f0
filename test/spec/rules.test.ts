/**
 * One broken spec per rule (test/fixtures/specs/<rule>.yaml): each must produce the exact code, at the exact
 * JSON pointer and line, and no config.
 */
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/spec/load.ts';
import { FIXTURES, REPO, TEST_ENV } from './env-fixtures.ts';

interface Case {
  fixture: string;
  code: string;
  pointer: string;
  line: number;
  /** Defaults to the fixture itself. */
  file?: string;
  env?: Record<string, string>;
  severity?: 'error' | 'warning';
  /** The expected diagnostic is the only one (default) or one among follow-on errors. */
  alone?: boolean;
}

const P = '/x-uigen-payments';
const PROVIDER = `${P}/providers/0`;
const PRODUCT = `${P}/products/0`;
const GATE = '/paths/~1reports~1{id}/get/x-uigen-monetized';

const cases: Case[] = [
  { fixture: 'literal-secret', code: 'E_LITERAL_SECRET', pointer: `${PROVIDER}/apiKey`, line: 12 },
  { fixture: 'secret-in-spec', code: 'E_SECRET_IN_SPEC', pointer: '/info/description', line: 6 },
  { fixture: 'secret-default', code: 'E_SECRET_DEFAULT', pointer: `${PROVIDER}/apiKey`, line: 12 },
  { fixture: 'env-missing', code: 'E_ENV_MISSING', pointer: `${PROVIDER}/apiKey`, line: 12 },
  {
    fixture: 'env-empty',
    code: 'E_ENV_EMPTY',
    pointer: `${PROVIDER}/publishableKey`,
    line: 11,
    env: { STRIPE_PUBLISHABLE_KEY: '' },
  },
  { fixture: 'env-syntax', code: 'E_ENV_SYNTAX', pointer: `${P}/successUrl`, line: 15 },
  { fixture: 'provider-unknown', code: 'E_PROVIDER_UNKNOWN', pointer: `${PROVIDER}/provider`, line: 8 },
  {
    fixture: 'provider-duplicate',
    code: 'E_PROVIDER_DUPLICATE',
    pointer: `${P}/providers/1/provider`,
    line: 15,
  },
  { fixture: 'providers-empty', code: 'E_PROVIDERS_EMPTY', pointer: `${P}/providers`, line: 7 },
  { fixture: 'mode-invalid', code: 'E_INVALID_VALUE', pointer: `${PROVIDER}/mode`, line: 9 },
  { fixture: 'mode-alias', code: 'W_MODE_ALIAS', pointer: `${PROVIDER}/mode`, line: 9, severity: 'warning' },
  { fixture: 'currency-uppercase', code: 'E_CURRENCY', pointer: `${PROVIDER}/currency`, line: 10 },
  { fixture: 'currency-unknown', code: 'E_CURRENCY', pointer: `${PROVIDER}/currency`, line: 10 },
  { fixture: 'required-field', code: 'E_REQUIRED', pointer: `${PROVIDER}/webhookSecret`, line: 8 },
  {
    fixture: 'unknown-field',
    code: 'W_UNKNOWN_FIELD',
    pointer: `${PROVIDER}/webhookSecert`,
    line: 15,
    severity: 'warning',
  },
  {
    fixture: 'key-mode-mismatch',
    code: 'E_KEY_MODE_MISMATCH',
    pointer: `${PROVIDER}/apiKey`,
    line: 12,
    env: { STRIPE_SECRET_KEY: 'sk_live_51AbCdEfGhIjKlMnOp' },
  },
  {
    fixture: 'publishable-as-secret',
    code: 'E_PUBLISHABLE_AS_SECRET',
    pointer: `${PROVIDER}/apiKey`,
    line: 12,
    env: { STRIPE_SECRET_KEY: 'pk_test_51AbCdEfGhIjKl' },
  },
  {
    fixture: 'secret-as-publishable',
    code: 'E_SECRET_AS_PUBLISHABLE',
    pointer: `${PROVIDER}/publishableKey`,
    line: 11,
    env: { STRIPE_PUBLISHABLE_KEY: 'sk_test_51AbCdEfGhIjKlMnOp' },
  },
  {
    fixture: 'webhook-secret-format',
    code: 'E_WEBHOOK_SECRET_FORMAT',
    pointer: `${PROVIDER}/webhookSecret`,
    line: 13,
    env: { STRIPE_WEBHOOK_SECRET: 'AbCdEfGhIjKlMnOp' },
  },
  {
    fixture: 'secret-whitespace',
    code: 'E_SECRET_WHITESPACE',
    pointer: `${PROVIDER}/apiKey`,
    line: 12,
    env: { STRIPE_SECRET_KEY: 'sk_test_51AbCdEfGhIjKlMnOp ' },
  },
  {
    fixture: 'live-mode-not-production',
    code: 'E_LIVE_MODE_NOT_PRODUCTION',
    pointer: `${PROVIDER}/mode`,
    line: 9,
    env: {
      STRIPE_SECRET_KEY: 'sk_live_51AbCdEfGhIjKlMnOp',
      STRIPE_PUBLISHABLE_KEY: 'pk_live_51AbCdEfGhIjKl',
    },
  },
  {
    fixture: 'square-app-mode',
    code: 'E_KEY_MODE_MISMATCH',
    pointer: `${PROVIDER}/applicationId`,
    line: 9,
    env: { SQUARE_APPLICATION_ID: 'sq0idp-AbCdEfGhIj' },
  },
  { fixture: 'url-insecure', code: 'E_URL_INSECURE', pointer: `${P}/successUrl`, line: 15 },
  { fixture: 'url-localhost-lookalike', code: 'E_URL_INSECURE', pointer: `${P}/cancelUrl`, line: 16 },
  { fixture: 'url-userinfo', code: 'E_URL_USERINFO', pointer: `${PROVIDER}/webhookUrl`, line: 14 },
  { fixture: 'url-scheme', code: 'E_URL_SCHEME', pointer: `${P}/cancelUrl`, line: 16 },
  { fixture: 'url-invalid', code: 'E_URL_INVALID', pointer: `${P}/successUrl`, line: 15 },
  { fixture: 'redirect-invalid', code: 'E_URL_INVALID', pointer: `${GATE}/redirectTo`, line: 30 },
  { fixture: 'monetized-invalid', code: 'E_MONETIZED_INVALID', pointer: GATE, line: 28 },
  { fixture: 'plan-unknown', code: 'E_PLAN_UNKNOWN', pointer: `${GATE}/plans/1`, line: 29 },
  {
    fixture: 'product-duplicate-id',
    code: 'E_PRODUCT_DUPLICATE_ID',
    pointer: `${P}/products/1/id`,
    line: 25,
  },
  { fixture: 'product-id', code: 'E_PRODUCT_ID', pointer: `${PRODUCT}/id`, line: 18 },
  { fixture: 'too-many-products', code: 'E_TOO_MANY_PRODUCTS', pointer: `${P}/products`, line: 18 },
  {
    fixture: 'pricing-page-too-many',
    code: 'E_TOO_MANY_PRODUCTS',
    pointer: `${P}/pricingPage/products`,
    line: 28,
  },
  { fixture: 'price-negative', code: 'E_PRICE', pointer: `${PRODUCT}/price`, line: 21 },
  { fixture: 'price-fraction', code: 'E_PRICE', pointer: `${PRODUCT}/price`, line: 21 },
  { fixture: 'price-three-decimal', code: 'E_PRICE', pointer: `${PRODUCT}/price`, line: 21 },
  { fixture: 'interval-required', code: 'E_INTERVAL_REQUIRED', pointer: `${PRODUCT}/interval`, line: 18 },
  { fixture: 'interval-unexpected', code: 'E_INTERVAL_UNEXPECTED', pointer: `${PRODUCT}/interval`, line: 22 },
  { fixture: 'interval-count', code: 'E_INTERVAL_COUNT', pointer: `${PRODUCT}/intervalCount`, line: 23 },
  { fixture: 'trial-days', code: 'E_TRIAL_DAYS', pointer: `${PRODUCT}/trialDays`, line: 23 },
  { fixture: 'feature-empty', code: 'E_FEATURE_EMPTY', pointer: `${PRODUCT}/features/1`, line: 24 },
  { fixture: 'pricing-source', code: 'E_INVALID_VALUE', pointer: `${P}/pricingPage/source`, line: 26 },
  { fixture: 'pricing-endpoint', code: 'E_PRICING_ENDPOINT', pointer: `${P}/pricingPage/endpoint`, line: 26 },
  {
    fixture: 'pricing-component',
    code: 'E_PRICING_COMPONENT',
    pointer: `${P}/pricingPage/component`,
    line: 27,
  },
  { fixture: 'pricing-no-products', code: 'E_PRICING_NO_PRODUCTS', pointer: `${P}/pricingPage`, line: 18 },
  { fixture: 'payments-duplicate', code: 'E_PAYMENTS_DUPLICATE', pointer: '/info/x-uigen-payments', line: 7 },
  { fixture: 'payments-missing', code: 'E_PAYMENTS_MISSING', pointer: '', line: 2 },
  { fixture: 'openapi-version', code: 'E_OPENAPI_VERSION', pointer: '/openapi', line: 2 },
  { fixture: 'not-openapi', code: 'E_NOT_OPENAPI', pointer: '', line: 2 },
  { fixture: 'yaml-parse', code: 'E_YAML_PARSE', pointer: '', line: 11, alone: false },
  { fixture: 'ref-not-found', code: 'E_REF_NOT_FOUND', pointer: `${P}/products`, line: 18, alone: false },
  {
    fixture: 'ref-remote',
    code: 'E_REF_REMOTE',
    pointer: '/paths/~1reports~1{id}/get/parameters/0',
    line: 32,
  },
  {
    fixture: 'ref-file',
    code: 'E_PRICE',
    pointer: `${PRODUCT}/price`,
    line: 7,
    file: 'ref-file.products.yaml',
  },
  { fixture: 'retention-dedupe', code: 'E_RETENTION_DEDUPE', pointer: `${P}/retention/dedupeDays`, line: 26 },
  { fixture: 'alert-sink-literal', code: 'E_LITERAL_SECRET', pointer: `${P}/alerts/sinks/0/url`, line: 28 },
];

describe('spec rules: one failing fixture per rule', () => {
  it('the base fixture is valid, so each failure below comes from its one change', async () => {
    const r = await validateSpecFile(`${FIXTURES}valid.yaml`, { env: { ...TEST_ENV }, cwd: REPO });
    expect(r.diagnostics).toEqual([]);
    expect(r.config).toBeDefined();
  });

  it.each(cases)('$fixture → $code at $pointer line $line', async (c) => {
    const r = await validateSpecFile(`${FIXTURES}${c.fixture}.yaml`, {
      env: { ...TEST_ENV, ...c.env },
      cwd: REPO,
    });
    const severity = c.severity ?? 'error';
    const match = r.diagnostics.find((d) => d.code === c.code && d.pointer === c.pointer);
    expect(match, JSON.stringify(r.diagnostics, null, 1)).toMatchObject({
      severity,
      line: c.line,
      file: `test/fixtures/specs/${c.file ?? `${c.fixture}.yaml`}`,
    });
    expect(match?.column).toBeGreaterThan(0);
    if (severity === 'error') {
      expect(r.config).toBeUndefined();
      if (c.alone !== false) expect(r.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
    } else {
      expect(r.config).toBeDefined();
    }
  });

  it('every fixture file is exercised by a case', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(FIXTURES).filter(
      (f) => f.endsWith('.yaml') && !f.includes('.products.') && f !== 'valid.yaml',
    );
    expect(files.map((f) => f.replace(/\.yaml$/, '')).sort()).toEqual(
      [...new Set(cases.map((c) => c.fixture))].sort(),
    );
  });
});
