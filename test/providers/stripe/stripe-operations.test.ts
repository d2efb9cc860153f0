import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/errors.ts';
import { createStripeProvider } from '../../../src/providers/stripe/index.ts';
import { checkoutParams } from '../../../src/providers/stripe/stripe-checkout.ts';
import { createStripeClient } from '../../../src/providers/stripe/stripe-client.ts';
import type { CheckoutInput } from '../../../src/providers/types.ts';
import { type RunningSandbox, startSandbox } from '../../../src/sandbox/index.ts';
import type { Product, StripeProviderConfig } from '../../../src/spec/types.ts';

const KEY = 'sk_test_operations_suite';
const cfg: StripeProviderConfig = {
  provider: 'stripe',
  mode: 'test',
  currency: 'usd',
  apiKey: KEY,
  webhookSecrets: ['whsec_ops'],
};
const PRO: Product = {
  id: 'pro',
  name: 'Pro',
  type: 'subscription',
  price: 2900,
  currency: 'usd',
  interval: 'month',
  intervalCount: 3,
  features: [],
  trialDays: 7,
};
const base: Omit<CheckoutInput, 'product'> = {
  userId: 'user_7',
  successUrl: 'https://app.example.com/payment/success?session_id={CHECKOUT_SESSION_ID}',
  cancelUrl: 'https://app.example.com/payment/cancel',
  idempotencyKey: 'idem-1',
};

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.close();
});

describe('stripe checkout parameters', () => {
  it('subscription: our attribution in client_reference_id and both metadata blocks, trial, inline recurring price', () => {
    expect(checkoutParams({ ...base, product: PRO, customerId: 'cus_1' })).toEqual({
      mode: 'subscription',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: 2900,
            product_data: { name: 'Pro' },
            recurring: { interval: 'month', interval_count: 3 },
          },
        },
      ],
      client_reference_id: 'user_7',
      metadata: { uigen_user_id: 'user_7', uigen_product_id: 'pro' },
      subscription_data: {
        metadata: { uigen_user_id: 'user_7', uigen_product_id: 'pro' },
        trial_period_days: 7,
      },
      success_url: base.successUrl,
      cancel_url: base.cancelUrl,
      customer: 'cus_1',
    });
  });

  it('one-time: payment mode with a pre-created price id; custom prices cannot be bought', () => {
    const p = checkoutParams({
      ...base,
      product: { ...PRO, type: 'one_time', providerPriceIds: { stripe: 'price_abc' } },
    });
    expect(p).toMatchObject({
      mode: 'payment',
      line_items: [{ price: 'price_abc', quantity: 1 }],
      payment_intent_data: { metadata: { uigen_user_id: 'user_7' } },
    });
    expect(p.subscription_data).toBeUndefined();
    expect(() => checkoutParams({ ...base, product: { ...PRO, price: 'custom' } })).toThrow(/no fixed price/);
  });
});

describe('stripe client', () => {
  it('honours the API base only in test mode', () => {
    const test = createStripeClient(cfg, 'http://127.0.0.1:5999') as unknown as {
      getApiField(k: string): unknown;
    };
    expect([test.getApiField('host'), test.getApiField('port'), test.getApiField('protocol')]).toEqual([
      '127.0.0.1',
      '5999',
      'http',
    ]);
    const live = createStripeClient(
      { ...cfg, mode: 'live', apiKey: 'sk_live_x' },
      'http://127.0.0.1:5999',
    ) as unknown as { getApiField(k: string): unknown };
    expect(live.getApiField('host')).toBe('api.stripe.com');
    expect(live.getApiField('maxNetworkRetries')).toBeGreaterThan(0);
  });
});

describe('stripe operations against the sandbox (official SDK)', () => {
  it('keeps {CHECKOUT_SESSION_ID} for Stripe to fill and uses a pre-created price', async () => {
    const sdk = new Stripe(KEY, { host: '127.0.0.1', port: new URL(sb.url).port, protocol: 'http' });
    const price = await sdk.prices.create({
      currency: 'usd',
      unit_amount: 1500,
      recurring: { interval: 'year' },
      product_data: { name: 'Team' },
    });
    const provider = createStripeProvider(cfg, { apiBase: sb.url });
    const { sessionId } = await provider.createCheckout({
      ...base,
      idempotencyKey: 'price-id',
      product: { ...PRO, providerPriceIds: { stripe: price.id } },
    });
    const session = await sdk.checkout.sessions.retrieve(sessionId);
    expect(session.success_url).toBe(base.successUrl);
    expect(session.amount_total).toBe(1500);
    expect(session.metadata).toEqual({ uigen_user_id: 'user_7', uigen_product_id: 'pro' });
    expect(await provider.getCheckout(sessionId)).toEqual({
      sessionId,
      status: 'open',
      paymentStatus: 'unpaid',
      userId: 'user_7',
      productId: 'pro',
      customerId: undefined,
      subscriptionId: undefined,
    });
  });

  it('wraps provider errors without SDK text', async () => {
    const provider = createStripeProvider(cfg, { apiBase: sb.url });
    const err = await provider
      .createCheckout({
        ...base,
        idempotencyKey: 'bad-price',
        product: { ...PRO, providerPriceIds: { stripe: 'price_missing' } },
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).not.toMatch(/No such price/);
    const badKey = createStripeProvider({ ...cfg, apiKey: 'rk_live_wrong' }, { apiBase: sb.url });
    const authErr = await badKey.getCheckout('cs_test_x').catch((e) => e);
    expect(authErr).toMatchObject({ code: 'provider_error', provider: 'stripe' });
    expect(authErr.message).not.toMatch(/sandbox|key/i);
  });

  it('portal needs a real customer; deleting a missing customer is fine', async () => {
    const provider = createStripeProvider(cfg, { apiBase: sb.url });
    await expect(
      provider.createPortal('cus_missing', 'https://app.example.com/account'),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(provider.deleteCustomer('cus_missing')).resolves.toBeUndefined();
  });
});
