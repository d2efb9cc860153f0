import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, payInSandbox, type TestStack, startStack } from '../support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('the 402 gate proxy', () => {
  test('a free operation is proxied to the upstream', async () => {
    const res = await stack.api('/projects', { user: 'user_gate_free' });
    expect(res.status).toBe(200);
    expect((await res.json()).projects.length).toBeGreaterThan(0);
  });

  test('a monetized operation needs a token (401), then answers 402 without a plan', async () => {
    expect((await stack.api('/reports/42')).status).toBe(401);
    const res = await stack.api('/reports/42', { user: 'user_gate' });
    expect(res.status).toBe(402);
    const body = await res.json();
    expect(body.error.code).toBe('payment_required');
    expect(typeof body.error.message).toBe('string');
    expect(body.error.redirectTo).toBe('/pricing');
    expect(body.error.requestId).toMatch(/^req_/);
  });

  test('402 turns into 200 once the payment webhook has been processed', async () => {
    const user = 'user_gate';
    const { url } = await (
      await stack.api('/api/payments/checkout', { method: 'POST', user, body: JSON.stringify({ productId: 'pro-monthly' }) })
    ).json();
    await payInSandbox(url);
    const ok = await eventually(async () => {
      const r = await stack.api('/reports/42', { user });
      return r.status === 200 ? r : undefined;
    });
    const report = await ok.json();
    expect(report.id).toBe('42');
    // Upstream saw the verified user and plan, not anything the client sent.
    expect(report.generatedFor).toBe(user);
    expect(report.plan).toBe('pro');
  });

  test('client-sent x-uigen-user-id is stripped before the upstream', async () => {
    const res = await stack.api('/reports/7', { user: 'user_gate_spoof', headers: { 'x-uigen-user-id': 'user_gate', 'x-uigen-plan': 'team' } });
    expect(res.status).toBe(402);
  });
});
