/**
 * The PayPal adapter against the PayPal emulator: the official SDK talks to the plugin unchanged, the buyer
 * approves on the hosted page, and the emulator's webhooks verify through the real certificate path.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  NotFoundError,
  type PaymentsError,
  ProviderError,
  WebhookVerificationError,
} from '../../src/errors.ts';
import { createPaypalProvider } from '../../src/providers/paypal/index.ts';
import type { PaymentProvider } from '../../src/providers/types.ts';
import paypalPlugin, { type PaypalSandbox } from '../../src/sandbox/paypal/plugin.ts';
import {
  checkoutInput,
  LIFETIME,
  PRO,
  payWithCard,
  receivedSince,
  subscriptionOf,
  type TestSandbox,
  testSandbox,
} from './paypal-square-context.ts';

const cfg = {
  provider: 'paypal' as const,
  mode: 'test' as const,
  currency: 'usd',
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
  webhookId: '8PT597110X687430LKGECATA',
};
const lifetime = LIFETIME;
const pro = PRO;

let sb: TestSandbox;
let plugin: PaypalSandbox;
let base: string;
let provider: PaymentProvider;

const input = checkoutInput;

const received = (from: number) => receivedSince(sb, provider, from);

/** Orders whose next GET is answered only after another client captured them: a capture racing ours. */
const capturedBehindGet = new Set<string>();
/** Status of every capture request the emulator answered, in order. */
const captureStatuses: number[] = [];

beforeAll(async () => {
  sb = testSandbox();
  sb.app.addHook('onSend', async (req, _reply, payload) => {
    const id = /^\/paypal\/v2\/checkout\/orders\/([^/?]+)$/.exec(req.url)?.[1];
    if (req.method === 'GET' && id && capturedBehindGet.delete(id)) {
      await sb.app.inject({
        method: 'POST',
        url: `/paypal/v2/checkout/orders/${id}/capture`,
        headers: {
          authorization: String(req.headers.authorization),
          'content-type': 'application/json',
          'paypal-request-id': 'another-client',
        },
      });
    }
    return payload;
  });
  sb.app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'POST' && req.url.endsWith('/capture')) captureStatuses.push(reply.statusCode);
  });
  plugin = await paypalPlugin(sb.app, sb.ctx, {
    webhookUrl: 'http://127.0.0.1:9/webhooks/paypal',
    webhookId: cfg.webhookId,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
  });
  base = await sb.listen();
  provider = createPaypalProvider(cfg, { ...plugin.providerOptions });
});
afterAll(() => sb.app.close());

describe('PayPal adapter ↔ sandbox (official SDK)', () => {
  it('one-time: order → approval page → capture on getCheckout → verified CAPTURE.COMPLETED with our user', async () => {
    const session = await provider.createCheckout(input(lifetime, 'idem-1'));
    expect(session.url).toBe(`${base}/paypal/approve/${session.sessionId}`);
    expect((await provider.createCheckout(input(lifetime, 'idem-1'))).sessionId).toBe(session.sessionId);
    expect(await provider.getCheckout(session.sessionId)).toMatchObject({
      status: 'open',
      paymentStatus: 'unpaid',
    });

    const page = await fetch(session.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('$49.00');

    const from = sb.deliveries.length;
    const res = await payWithCard(session.url, '4242 4242 4242 4242');
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.pathname).toBe('/payment/success');
    expect(back.searchParams.get('token')).toBe(session.sessionId);

    const status = await provider.getCheckout(session.sessionId);
    expect(status).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      userId: 'user_1',
      productId: 'lifetime',
    });
    // A second status read does not capture twice.
    expect(await provider.getCheckout(session.sessionId)).toMatchObject({ status: 'complete' });

    const events = await received(from);
    expect(events.map((e) => e.type)).toEqual(['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED']);
    expect(events[0]).toMatchObject({
      kind: 'checkout.completed',
      paymentStatus: 'unpaid',
      userId: 'user_1',
    });
    expect(events[0]).not.toHaveProperty('paymentId', expect.anything());
    expect(events[1]).toMatchObject({
      kind: 'checkout.completed',
      paymentStatus: 'paid',
      checkoutSessionId: session.sessionId,
      userId: 'user_1',
      productId: 'lifetime',
      amount: 4900,
      currency: 'usd',
    });
  });

  it('captureCheckout: an order someone else captured first, or in between (422 ORDER_ALREADY_CAPTURED), is paid, not an error', async () => {
    // In between: our GET still says APPROVED, our capture gets 422, the re-read shows the other capture.
    const raced = await provider.createCheckout(input(lifetime, 'idem-race'));
    expect((await payWithCard(raced.url, '4242 4242 4242 4242')).status).toBe(303);
    const from = sb.deliveries.length;
    captureStatuses.length = 0;
    capturedBehindGet.add(raced.sessionId);
    const status = await provider.captureCheckout?.(raced.sessionId);
    expect(captureStatuses).toEqual([201, 422]);
    const events = await received(from);
    expect(events.map((e) => e.type)).toEqual(['PAYMENT.CAPTURE.COMPLETED']);
    expect(status).toEqual({
      sessionId: raced.sessionId,
      status: 'complete',
      paymentStatus: 'paid',
      customerId: expect.any(String),
      userId: 'user_1',
      productId: 'lifetime',
      paymentId: (events[0] as { paymentId: string }).paymentId,
      amount: 4900,
      currency: 'usd',
    });

    // First: the order is COMPLETED already, so nothing is captured again (success page and worker agree).
    captureStatuses.length = 0;
    expect(await provider.getCheckout(raced.sessionId)).toEqual(status);
    expect(await provider.captureCheckout?.(raced.sessionId)).toEqual(status);
    expect(captureStatuses).toEqual([]);
    expect(sb.deliveries.length).toBe(from + 1);
  });

  it('captureCheckout twice at once (webhook and success page): one capture under one PayPal-Request-Id', async () => {
    const session = await provider.createCheckout(input(lifetime, 'idem-twice'));
    expect((await payWithCard(session.url, '4242 4242 4242 4242')).status).toBe(303);
    const from = sb.deliveries.length;
    const [a, b] = await Promise.all([
      provider.captureCheckout?.(session.sessionId),
      provider.getCheckout(session.sessionId),
    ]);
    expect(a).toMatchObject({ status: 'complete', paymentStatus: 'paid', paymentId: expect.any(String) });
    expect(b).toEqual(a);
    expect((await received(from)).map((e) => e.type)).toEqual(['PAYMENT.CAPTURE.COMPLETED']);
  });

  it('a declined or unknown card leaves the order unapproved', async () => {
    const session = await provider.createCheckout(input(lifetime, 'idem-decline'));
    const from = sb.deliveries.length;
    expect((await payWithCard(session.url, '4000 0000 0000 0002')).status).toBe(402);
    expect((await payWithCard(session.url, '1234 5678 9012 3456')).status).toBe(400);
    expect(await provider.getCheckout(session.sessionId)).toMatchObject({
      status: 'open',
      paymentStatus: 'unpaid',
    });
    expect(sb.deliveries.length).toBe(from);
  });

  it('subscription: plan created from the spec, approval activates, cancel is immediate and idempotent', async () => {
    const session = await provider.createCheckout(input(pro, 'idem-sub', 'user_2'));
    expect(session.sessionId).toMatch(/^I-/);
    expect(plugin.state.plans.size).toBe(1);
    // A second product checkout reuses the same plan (PayPal-Request-Id derived from the billing terms).
    await provider.createCheckout(input(pro, 'idem-sub-2', 'user_3'));
    expect(plugin.state.plans.size).toBe(1);

    const from = sb.deliveries.length;
    expect((await payWithCard(session.url, '4242424242424242')).status).toBe(303);
    expect(await provider.getCheckout(session.sessionId)).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      userId: 'user_2',
    });

    const snap = await provider.getSubscription(session.sessionId);
    expect(snap).toMatchObject({
      provider: 'paypal',
      id: session.sessionId,
      status: 'active',
      userId: 'user_2',
      productId: 'pro-monthly',
      cancelAtPeriodEnd: false,
    });
    expect(snap.currentPeriodEnd).toBeGreaterThan(Date.now() / 1000 + 25 * 86_400);

    const events = await received(from);
    expect(events.map((e) => e.kind)).toEqual(['subscription.updated', 'invoice.paid']);
    expect(events[1]).toMatchObject({ subscriptionId: session.sessionId, amount: 2900, currency: 'usd' });

    const canceled = await provider.cancelSubscription(session.sessionId, {
      atPeriodEnd: true,
      idempotencyKey: 'c1',
    });
    expect(canceled.status).toBe('canceled');
    expect(
      (await provider.cancelSubscription(session.sessionId, { atPeriodEnd: true, idempotencyKey: 'c1' }))
        .status,
    ).toBe('canceled');
    const after = await received(from + 2);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ kind: 'subscription.deleted', subscription: { status: 'canceled' } });
  });

  it('a card that fails on renewal suspends the subscription after the period (past_due)', async () => {
    const session = await provider.createCheckout(input(pro, 'idem-renew', 'user_4'));
    await payWithCard(session.url, '4000 0000 0000 0341');
    const from = sb.deliveries.length;
    await sb.ctx.clock.advance(31 * 86_400_000);
    const mine = (await received(from)).filter((e) => subscriptionOf(e) === session.sessionId);
    expect(mine.map((e) => e.kind)).toEqual(['payment.failed', 'subscription.updated']);
    expect(mine[1]).toMatchObject({ subscription: { status: 'past_due' } });
    expect((await provider.getSubscription(session.sessionId)).status).toBe('past_due');
  });

  it('a trial plan: trialing with no charge, then the first charge at trial end makes it active', async () => {
    const trialPro = { ...pro, id: 'pro-trial', trialDays: 14 };
    const session = await provider.createCheckout(input(trialPro, 'idem-trial', 'user_5'));
    const from = sb.deliveries.length;
    await payWithCard(session.url, '4242 4242 4242 4242');
    const started = await received(from);
    expect(started.map((e) => e.kind)).toEqual(['subscription.updated']);
    expect(started[0]).toMatchObject({ subscription: { status: 'trialing', productId: 'pro-trial' } });
    const trialEnd = (await provider.getSubscription(session.sessionId)).currentPeriodEnd ?? 0;
    expect(trialEnd * 1000 - sb.ctx.clock.now()).toBeLessThan(15 * 86_400_000);

    const before = sb.deliveries.length;
    await sb.ctx.clock.advance(15 * 86_400_000);
    const mine = (await received(before)).filter((e) => subscriptionOf(e) === session.sessionId);
    expect(mine.map((e) => e.kind)).toEqual(['subscription.updated', 'invoice.paid']);
    expect(mine[0]).toMatchObject({ subscription: { status: 'active' } });
  });

  it('portal is not supported, deleteCustomer is a no-op, unknown ids are 404', async () => {
    await expect(provider.createPortal('x', 'http://127.0.0.1/')).rejects.toMatchObject({
      code: 'not_supported',
      status: 400,
    });
    await expect(provider.deleteCustomer('PAYER1')).resolves.toBeUndefined();
    await expect(provider.getSubscription('I-NOPE')).rejects.toBeInstanceOf(NotFoundError);
    expect(provider.capabilities).toEqual({
      portal: false,
      cancelAtPeriodEnd: false,
      remoteVerification: false,
    });
  });

  it('wrong client credentials surface as a ProviderError without SDK text', async () => {
    const bad = createPaypalProvider({ ...cfg, clientSecret: 'wrong' }, { ...plugin.providerOptions });
    const err = await bad.createCheckout(input(lifetime, 'idem-bad')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as PaymentsError).message).not.toMatch(/oauth|client|token|axios/i);
  });

  it('live mode ignores the sandbox trust options: a sandbox-signed webhook does not verify', async () => {
    const live = createPaypalProvider({ ...cfg, mode: 'live' }, { ...plugin.providerOptions });
    const d = sb.deliveries[0];
    await expect(live.verifyWebhook(Buffer.from(d.body), sb.signed(d))).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
  });

  it('refuses to start without a webhook id (fail closed)', () => {
    expect(() => createPaypalProvider({ ...cfg, webhookId: ' ' })).toThrow(/webhookId/);
  });
});

describe('sandbox PayPal identity', () => {
  it('is shared through a state directory, so another process signs with the certificate the app trusts', async () => {
    const { mkdtempSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { sandboxPaypalIdentity } = await import('../../src/sandbox/paypal/ca.ts');
    const dir = mkdtempSync(join(tmpdir(), 'uigen-ppid-'));
    const first = sandboxPaypalIdentity(dir);
    expect(statSync(join(dir, 'paypal-sandbox-identity.json')).mode & 0o777).toBe(0o600);
    // A fresh module instance (another process) reads the same identity back.
    vi.resetModules();
    const again = (await import('../../src/sandbox/paypal/ca.ts')).sandboxPaypalIdentity(dir);
    expect(again.leaf.certPem).toBe(first.leaf.certPem);
    expect(again.rootPem).toBe(first.rootPem);
    expect(sandboxPaypalIdentity().rootPem).not.toBe(first.rootPem);
  });
});
