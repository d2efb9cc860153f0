import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { containsCardNumber } from '../../src/redact.ts';
import { eventually, payInSandbox, type TestStack, startStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

test('a full checkout leaves no key, webhook secret, JWT, signature or card number in the logs', async () => {
  const user = 'user_logs';
  const token = await stack.token(user);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const { url } = await (await fetch(`${stack.appUrl}/api/payments/checkout`, { method: 'POST', headers, body: JSON.stringify({ productId: 'pro-monthly' }) })).json();
  await payInSandbox(url);
  await eventually(async () => (await (await fetch(`${stack.appUrl}/api/payments/me`, { headers })).json()).plan === 'pro');
  await fetch(`${stack.appUrl}/api/payments/checkout`, { method: 'POST', headers, body: JSON.stringify({ productId: 'pro-monthly', card: '4000000000000002' }) });
  await fetch(`${stack.appUrl}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=deadbeef' }, body: '{}' });

  const secrets = JSON.parse(readFileSync(join(stack.dir, '.uigen/dev-secrets.json'), 'utf8'));
  const all = stack.logs.join('\n');
  expect(stack.logs.length).toBeGreaterThan(5);
  for (const value of [secrets.stripeSecretKey, secrets.stripeWebhookSecret, secrets.jwtSecret, secrets.encryptionKeys.split(':')[1], token]) {
    expect(all).not.toContain(value);
  }
  expect(all).not.toMatch(/sk_test_[A-Za-z0-9]{8}/);
  expect(all).not.toMatch(/whsec_[A-Za-z0-9]{8}/);
  expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./);
  expect(all).not.toMatch(/v1=[a-f0-9]{64}/);
  const cardLine = stack.logs.find((l) => containsCardNumber(l));
  expect(cardLine).toBeUndefined();
});
