/** Random specs into the validator → diagnostics (or a config), never a crash. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { expect, test } from 'vitest';
import { validateSpecFile } from '../../src/spec/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'uigen-spec-fuzz-'));

const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('${STRIPE_SECRET_KEY}', 'sk_live_abcdefghijklmnop', 'http://localhost.evil.com', 'custom', 'stripe', 'month'),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('provider', 'mode', 'price', 'id', 'apiKey', 'plans', 'url', 'x'), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const payments = fc.record(
  {
    providers: fc.oneof(value, fc.array(fc.record({ provider: fc.constantFrom('stripe', 'paypal', 'square', 'x'), mode: fc.constantFrom('test', 'live', 'sandbox', 1), apiKey: value, currency: value }, { requiredKeys: [] }), { maxLength: 3 })),
    products: fc.oneof(value, fc.array(fc.record({ id: value, price: value, type: value, interval: value, plan: value }, { requiredKeys: [] }), { maxLength: 4 })),
    successUrl: value,
    cancelUrl: value,
    pricingPage: value,
  },
  { requiredKeys: [] },
);

const spec = fc.record(
  {
    openapi: fc.constantFrom('3.0.3', '3.1.0', 2, 'x'),
    info: fc.oneof(fc.constant({ title: 't', version: '1' }), value),
    'x-uigen-payments': payments,
    paths: fc.oneof(value, fc.dictionary(fc.constantFrom('/a', '/b/{id}', 'c'), fc.record({ get: fc.record({ 'x-uigen-monetized': value }, { requiredKeys: [] }) }, { requiredKeys: [] }), { maxKeys: 3 })),
  },
  { requiredKeys: [] },
);

test('the validator returns diagnostics for any document and never throws anything else', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(spec, fc.boolean(), async (doc, asJson) => {
      const file = join(dir, `s${n++}.${asJson ? 'json' : 'yaml'}`);
      writeFileSync(file, asJson ? JSON.stringify(doc) : stringify(doc));
      const result = await validateSpecFile(file, { env: { STRIPE_SECRET_KEY: 'sk_test_123456789abc' } });
      expect(Array.isArray(result.diagnostics)).toBe(true);
      for (const d of result.diagnostics) {
        expect(['error', 'warning']).toContain(d.severity);
        expect(d.code).toMatch(/^[EW]_[A-Z0-9_]+$/);
        expect(d.file).toBe(file);
        expect(d.message).not.toContain('sk_live_abcdefghijklmnop');
      }
      if (!result.diagnostics.some((d) => d.severity === 'error')) expect(result.config).toBeDefined();
    }),
    { numRuns: 300 },
  );
});

test('garbage text never crashes the loader', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
      const file = join(dir, `g${n++}.yaml`);
      writeFileSync(file, text);
      const result = await validateSpecFile(file, {});
      expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }),
    { numRuns: 200 },
  );
});
