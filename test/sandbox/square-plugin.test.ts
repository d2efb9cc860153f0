/**
 * The Square adapter against the Square emulator: the official SDK talks to the plugin unchanged via
 * `baseUrl`, the buyer pays on the hosted link page, and the emulator's webhooks verify with the configured
 * key over the configured URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NotFoundError,
  type PaymentsError,
  ProviderError,
  WebhookVerificationError,
} from '../../src/errors.ts';
import { createSquareProvider } from '../../src/providers/square/index.ts';
import type { PaymentProvider } from '../../src/providers/types.ts';
import squarePlugin, { type SquareSandbox } from '../../src/sandbox/square/plugin.ts';
import type { Product } from '../../src/spec/types.ts';
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
  provider: 'square' as const,
  mode: 'test' as const,
  currency: 'usd',
  applicationId: 'sandbox-sq0idb-test',
  accessToken: 'EAAAsandbox-access-token-for-tests-0001',
  locationId: 'L8GWP6QJ1PE2Q',
  webhookSignatureKey: 'sq-sandbox-signature-key',
  webhookUrl: 'https://app.example.test/webhooks/square',
};
const lifetime = LIFETIME;
const pro: Product = { ...PRO, providerPriceIds: { square: '6JHXF3B2CW3YKHDV4XEM674H' } };

let sb: TestSandbox;
let plugin: SquareSandbox;
let provider: PaymentProvider;

const input = checkoutInput;

const received = (from: number) => receivedSince(sb, provider, from);

beforeAll(async () => {
  sb = testSandbox();
  plugin = await squarePlugin(sb.app, sb.ctx, {
    webhookUrl: cfg.webhookUrl,
    webhookSignatureKey: cfg.webhookSignatureKey,
    accessToken: cfg.accessToken,
  });
  await sb.listen();
  provider = createSquareProvider(cfg, { ...plugin.providerOptions });
});
afterAll(() => sb.app.close());

describe('Square adapter ↔ sandbox (official SDK)', () => {
  it('one-time: payment link → pay → verified payment.updated becomes checkout.completed for our user', async () => {
    const session = await provider.createCheckout(input(lifetime, 'sq-idem-1'));
    expect(session.url).toMatch(/\/square\/pay\//);
    expect((await provider.createCheckout(input(lifetime, 'sq-idem-1'))).sessionId).toBe(session.sessionId);
    expect(await provider.getCheckout(session.sessionId)).toMatchObject({
      status: 'open',
      paymentStatus: 'unpaid',
      userId: 'user_1',
    });

    const from = sb.deliveries.length;
    const res = await payWithCard(session.url, '4242 4242 4242 4242');
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.pathname).toBe('/payment/success');
    // The success URL's {CHECKOUT_SESSION_ID} is filled with our session id (the order id), like Stripe's.
    expect(back.searchParams.get('session_id')).toBe(session.sessionId);
    expect(back.searchParams.get('orderId')).toBe(session.sessionId);

    expect(await provider.getCheckout(session.sessionId)).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      userId: 'user_1',
      productId: 'lifetime',
    });
    const events = await received(from);
    expect(events.map((e) => e.kind)).toEqual(['not_supported', 'checkout.completed']);
    expect(events[1]).toMatchObject({
      checkoutSessionId: session.sessionId,
      userId: 'user_1',
      productId: 'lifetime',
      amount: 4900,
      currency: 'usd',
    });
  });

  it('a declined card charges nothing', async () => {
    const session = await provider.createCheckout(input(lifetime, 'sq-idem-decline'));
    const from = sb.deliveries.length;
    expect((await payWithCard(session.url, '4000000000000002')).status).toBe(402);
    expect(sb.deliveries.length).toBe(from);
    expect((await provider.getCheckout(session.sessionId)).paymentStatus).toBe('unpaid');
  });

  it('subscription: created on payment, cancel takes effect at period end, then ends', async () => {
    const session = await provider.createCheckout(input(pro, 'sq-idem-sub', 'user_2'));
    const from = sb.deliveries.length;
    await payWithCard(session.url, '4242 4242 4242 4242');
    const events = await received(from);
    expect(events.map((e) => e.kind)).toEqual([
      'not_supported',
      'checkout.completed',
      'subscription.created',
      'invoice.paid',
    ]);
    const created = events[2];
    if (created.kind !== 'subscription.created') throw new Error('expected subscription.created');
    const subId = created.subscription.id;
    expect(created.subscription).toMatchObject({
      status: 'active',
      priceId: '6JHXF3B2CW3YKHDV4XEM674H',
      cancelAtPeriodEnd: false,
    });
    expect(events[3]).toMatchObject({ subscriptionId: subId, amount: 2900 });

    const snap = await provider.getSubscription(subId);
    expect(snap).toMatchObject({ id: subId, status: 'active', version: created.subscription.version });

    const canceled = await provider.cancelSubscription(subId, { atPeriodEnd: true, idempotencyKey: 'c' });
    expect(canceled).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    expect(canceled.version).toBeGreaterThan(snap.version);
    // Cancelling again is the same outcome, not an error.
    expect(
      await provider.cancelSubscription(subId, { atPeriodEnd: true, idempotencyKey: 'c' }),
    ).toMatchObject({ cancelAtPeriodEnd: true });

    const before = sb.deliveries.length;
    await sb.ctx.clock.advance(32 * 86_400_000);
    const ended = (await received(before)).filter((e) => e.kind === 'subscription.deleted');
    expect(ended).toHaveLength(1);
    expect((await provider.getSubscription(subId)).status).toBe('canceled');
  });

  it('a renewal bills again and moves the paid period forward (newer version)', async () => {
    const session = await provider.createCheckout(input(pro, 'sq-idem-renew', 'user_4'));
    const from = sb.deliveries.length;
    await payWithCard(session.url, '4242 4242 4242 4242');
    const first = (await received(from)).find((e) => e.kind === 'subscription.created');
    if (first?.kind !== 'subscription.created') throw new Error('expected subscription.created');
    const before = sb.deliveries.length;
    await sb.ctx.clock.advance(32 * 86_400_000);
    const mine = (await received(before)).filter((e) => subscriptionOf(e) === first.subscription.id);
    expect(mine.map((e) => e.kind)).toEqual(['invoice.paid', 'subscription.updated']);
    const renewed = mine[1];
    if (renewed.kind !== 'subscription.updated') throw new Error('expected subscription.updated');
    expect(renewed.subscription.version).toBeGreaterThan(first.subscription.version);
    expect(renewed.subscription.currentPeriodEnd).toBeGreaterThan(first.subscription.currentPeriodEnd ?? 0);
  });

  it('a card that fails on renewal produces invoice.scheduled_charge_failed → payment.failed', async () => {
    const session = await provider.createCheckout(input(pro, 'sq-idem-fail', 'user_3'));
    const from = sb.deliveries.length;
    await payWithCard(session.url, '4000 0000 0000 0341');
    const subId = (
      (await received(from)).find((e) => e.kind === 'subscription.created') as {
        subscription: { id: string };
      }
    ).subscription.id;
    const before = sb.deliveries.length;
    await sb.ctx.clock.advance(32 * 86_400_000);
    const failed = (await received(before)).filter((e) => e.kind === 'payment.failed');
    expect(failed).toEqual([
      expect.objectContaining({
        subscriptionId: subId,
        amount: 2900,
        failureCode: 'scheduled_charge_failed',
      }),
    ]);
  });

  it('deleteCustomer deletes and is idempotent (404 ok); portal not supported; unknown ids are 404', async () => {
    const [customerId] = [...plugin.state.customers.keys()];
    await provider.deleteCustomer(customerId);
    expect(plugin.state.customers.has(customerId)).toBe(false);
    await expect(provider.deleteCustomer(customerId)).resolves.toBeUndefined();
    await expect(provider.createPortal(customerId, 'http://127.0.0.1/')).rejects.toMatchObject({
      code: 'not_supported',
      status: 400,
    });
    await expect(provider.getSubscription('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(provider.getCheckout('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a subscription product without a Square plan is refused before any call', async () => {
    const noPlan = { ...pro, providerPriceIds: {} };
    await expect(provider.createCheckout(input(noPlan, 'x'))).rejects.toMatchObject({
      code: 'not_supported',
      status: 400,
    });
  });

  it('a wrong access token surfaces as a ProviderError without SDK text', async () => {
    const bad = createSquareProvider(
      { ...cfg, accessToken: 'EAAAwrong-token-000000000000000' },
      { ...plugin.providerOptions },
    );
    const err = await bad.createCheckout(input(lifetime, 'bad')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as PaymentsError).message).not.toMatch(/authoriz|token|UNAUTHORIZED/i);
  });

  it('webhooks signed for another notification URL do not verify', async () => {
    const other = createSquareProvider(
      { ...cfg, webhookUrl: 'https://app.example.test/other' },
      { ...plugin.providerOptions },
    );
    const d = sb.deliveries[0];
    await expect(other.verifyWebhook(Buffer.from(d.body), sb.signed(d))).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
  });

  it('refuses to start without a signature key or URL (fail closed)', () => {
    expect(() => createSquareProvider({ ...cfg, webhookSignatureKey: '' })).toThrow(/webhookSignatureKey/);
    expect(() => createSquareProvider({ ...cfg, webhookUrl: '' })).toThrow(/webhookUrl/);
  });
});
