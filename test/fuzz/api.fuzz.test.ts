/** Random request bodies into every API route → a 4xx in the contract's error shape, never a 5xx. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestStack, startStack } from '../support/stack.ts';

let stack: TestStack;
let token: string;
beforeAll(async () => {
  stack = await startStack();
  token = await stack.token('user_fuzz');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const ROUTES: Array<[string, string]> = [
  ['POST', '/api/payments/checkout'],
  ['POST', '/api/payments/portal'],
  ['POST', '/api/payments/subscriptions/sub_x/cancel'],
  ['GET', '/api/payments/checkout/cs_nope'],
  ['GET', '/api/payments/subscriptions/sub_nope'],
];

const bodies = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 500 }),
  fc.record({ productId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), provider: fc.oneof(fc.string(), fc.constant('stripe')) }, { requiredKeys: [] }),
  fc.record({ productId: fc.constant('pro-monthly'), extra: fc.anything() }),
);

describe('API routes under random input', () => {
  test.each(ROUTES)('%s %s answers 4xx with the error shape', async (method, path) => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), fc.constantFrom('application/json', 'text/plain'), async (body, authed, type) => {
        const headers: Record<string, string> = { 'content-type': type };
        if (authed) headers.authorization = `Bearer ${token}`;
        const init: RequestInit = { method, headers };
        if (method === 'POST') init.body = typeof body === 'string' ? body : JSON.stringify(body);
        const res = await fetch(`${stack.appUrl}${path}`, init);
        const text = await res.text();
        expect(res.status, text).toBeGreaterThanOrEqual(400);
        expect(res.status, text).toBeLessThan(500);
        const json = JSON.parse(text);
        expect(typeof json.error.code).toBe('string');
        expect(typeof json.error.message).toBe('string');
        expect(json.error.requestId).toMatch(/^req_/);
        expect(text).not.toMatch(/\bat [\w.]+ \(|node_modules|SELECT |sqlite/i);
      }),
      { numRuns: 60 },
    );
  });
});
