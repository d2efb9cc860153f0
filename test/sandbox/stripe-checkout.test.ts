import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.ts';
import { checkoutInput, PRO, payWith, type StripeRig, startStripeRig } from './helpers.ts';

const input = checkoutInput;

let rig: StripeRig;
beforeEach(async () => {
  rig = await startStripeRig();
});
afterEach(async () => {
  await rig.close();
});

describe('sandbox: Stripe checkout through the official SDK', () => {
  it('creates a session, shows the hosted page, completes with 4242 and sends verifiable events', async () => {
    const { sessionId, url } = await rig.provider.createCheckout(input());
    expect(sessionId).toMatch(/^cs_test_/);
    expect(url).toBe(`${rig.sandbox.url}/checkout/${sessionId}`);

    const html = await (await fetch(url)).text();
    expect(html).toContain('Pro');
    expect(html).toContain('$29.00');
    expect(html).toMatch(/<label for="card">Card number<\/label>/);
    expect(html).toContain('value="4242 4242 4242 4242"');
    expect(html).toContain('4000 0000 0000 0002');
    expect(html).toContain('href="http://127.0.0.1:9/payment/cancel"');

    const res = await payWith(url, '4242 4242 4242 4242');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://127.0.0.1:9/payment/success?session_id=${sessionId}`);

    await rig.sandbox.idle();
    const events = await rig.verified();
    const types = events.map((e) => e.type);
    for (const t of [
      'checkout.session.completed',
      'customer.subscription.created',
      'invoice.paid',
      'payment_method.attached',
    ])
      expect(types).toContain(t);

    const byKind = Object.fromEntries(events.map((e) => rig.provider.normalize(e)).map((n) => [n.kind, n]));
    expect(byKind['checkout.completed']).toMatchObject({
      checkoutSessionId: sessionId,
      userId: 'user_42',
      productId: 'pro-monthly',
      amount: 2900,
      paymentStatus: 'paid',
    });
    expect(byKind['payment_method.updated']).toMatchObject({ brand: 'visa', last4: '4242' });
    const created = byKind['subscription.created'];
    if (created?.kind !== 'subscription.created') throw new Error('no subscription.created');
    expect(created.subscription).toMatchObject({
      status: 'active',
      productId: 'pro-monthly',
      userId: 'user_42',
      cancelAtPeriodEnd: false,
    });
    expect(created.subscription.currentPeriodEnd).toBeGreaterThan(Date.now() / 1000 + 27 * 86400);

    const status = await rig.provider.getCheckout(sessionId);
    expect(status).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      userId: 'user_42',
      productId: 'pro-monthly',
    });
    const sub = await rig.provider.getSubscription(status.subscriptionId as string);
    expect(sub).toMatchObject({ status: 'active', customerId: status.customerId, productId: 'pro-monthly' });

    // Card digits never leave the page: no event, and nothing the sandbox keeps, has more than brand + last 4.
    expect(rig.receiver.received.map((r) => r.body.toString()).join('')).not.toContain('4242424242424242');
    const kept = Object.values(rig.sandbox.stripe).map((v) =>
      v instanceof Map || v instanceof Set ? [...v.values()] : v,
    );
    expect(JSON.stringify(kept)).not.toMatch(/4242 ?4242 ?4242 ?4242/);
  });

  it('a second Pay on a completed session redirects again without charging twice', async () => {
    const { url } = await rig.provider.createCheckout(input());
    await payWith(url, '4242424242424242');
    const again = await payWith(url, '4242424242424242');
    expect(again.status).toBe(303);
    await rig.sandbox.idle();
    expect((await rig.verified()).filter((e) => e.type === 'checkout.session.completed')).toHaveLength(1);
    expect(rig.sandbox.stripe.subscriptions.size).toBe(1);
  });

  it('declined card: clear error on the page, session stays open, payment_intent.payment_failed sent', async () => {
    const { sessionId, url } = await rig.provider.createCheckout(input());
    const res = await payWith(url, '4000 0000 0000 0002');
    expect(res.status).toBe(402);
    const html = await res.text();
    expect(html).toMatch(/role="alert">Your card was declined/);
    await rig.sandbox.idle();
    const events = await rig.verified();
    expect(events.map((e) => e.type)).toEqual(['payment_intent.payment_failed']);
    expect(rig.provider.normalize(events[0])).toMatchObject({
      kind: 'payment.failed',
      failureCode: 'generic_decline',
      amount: 2900,
    });
    expect(await rig.provider.getCheckout(sessionId)).toMatchObject({
      status: 'open',
      paymentStatus: 'unpaid',
    });
  });

  it('an unknown card number is refused on the page without crashing', async () => {
    const { url } = await rig.provider.createCheckout(input());
    const res = await payWith(url, '1234');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not one of the sandbox test cards');
  });

  it('one-time products use payment mode; trials start trialing with a zero invoice', async () => {
    const once = await rig.provider.createCheckout(
      input({ product: { ...PRO, id: 'lifetime', type: 'one_time', interval: undefined, price: 9900 } }),
    );
    expect((await payWith(once.url, '4242 4242 4242 4242')).status).toBe(303);
    const trial = await rig.provider.createCheckout(input({ product: { ...PRO, trialDays: 14 } }));
    await payWith(trial.url, '4242 4242 4242 4242');
    const st = await rig.provider.getCheckout(trial.sessionId);
    const sub = await rig.provider.getSubscription(st.subscriptionId as string);
    expect(sub.status).toBe('trialing');
    expect(sub.currentPeriodEnd).toBeGreaterThan(Date.now() / 1000 + 13 * 86400);
    expect(sub.currentPeriodEnd).toBeLessThan(Date.now() / 1000 + 15 * 86400);
    expect((await rig.provider.getCheckout(once.sessionId)).subscriptionId).toBeUndefined();
  });

  it('idempotency: same key + same params → same session; same key + other params → idempotency error', async () => {
    const key = 'user_42:pro-monthly:window-1';
    const a = await rig.provider.createCheckout(input({ idempotencyKey: key }));
    const b = await rig.provider.createCheckout(input({ idempotencyKey: key }));
    expect(b.sessionId).toBe(a.sessionId);
    expect(rig.sandbox.stripe.sessions.size).toBe(1);
    const err = await rig.provider
      .createCheckout(input({ idempotencyKey: key, userId: 'user_other' }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.code).toBe('idempotency_error');
    expect(err.message).not.toMatch(/Keys for idempotent/);
  });

  it('an expired session cannot be paid; expiring twice is a Stripe-shaped 400', async () => {
    const { sessionId, url } = await rig.provider.createCheckout(input());
    const sdk = new Stripe('sk_test_sandbox_rig_key', {
      host: '127.0.0.1',
      port: new URL(rig.sandbox.url).port,
      protocol: 'http',
    });
    expect((await sdk.checkout.sessions.expire(sessionId)).status).toBe('expired');
    expect((await fetch(url)).status).toBe(410);
    expect((await payWith(url, '4242 4242 4242 4242')).status).toBe(410);
    const again = await sdk.checkout.sessions.expire(sessionId).catch((e) => e);
    expect(again).toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'checkout_session_not_open',
    });
    expect(await rig.provider.getCheckout(sessionId)).toMatchObject({ status: 'expired' });
  });

  it('refuses non-http(s) redirect URLs, so the hosted page never links to javascript:', async () => {
    const err = await rig.provider
      .createCheckout(input({ cancelUrl: 'javascript:alert(1)' }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(rig.sandbox.stripe.sessions.size).toBe(0);
  });

  it('rejects live keys and unknown objects with Stripe-shaped errors', async () => {
    const live = await fetch(`${rig.sandbox.url}/v1/customers/cus_x`, {
      headers: { authorization: 'Bearer sk_live_abcdefgh' },
    });
    expect(live.status).toBe(401);
    expect((await live.json()).error.type).toBe('authentication_error');
    const miss = await fetch(`${rig.sandbox.url}/v1/subscriptions/sub_nope`, {
      headers: { authorization: 'Bearer sk_test_x' },
    });
    expect(miss.status).toBe(404);
    expect(await miss.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'id',
        message: "No such subscription: 'sub_nope'",
      },
    });
    const err = await rig.provider.getSubscription('sub_nope').catch((e) => e);
    expect(err).toMatchObject({ code: 'not_found', status: 404 });
  });
});
