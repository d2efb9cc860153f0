import { describe, expect, it } from 'vitest';
import { normalizeStripeEvent, STRIPE_MAPPERS } from '../../../src/providers/stripe/stripe-normalize.ts';
import type { NormalizedEvent, VerifiedEvent } from '../../../src/providers/types.ts';
import { allStripeFixtures, stripeFixture } from './fixtures.ts';

function verified(raw: string): VerifiedEvent {
  const p = JSON.parse(raw);
  return { provider: 'stripe', id: p.id, type: p.type, createdAt: p.created * 1000, payload: p };
}

function norm(
  type: string,
  edit?: (p: { data: { object: Record<string, unknown> } }) => void,
): NormalizedEvent {
  const p = JSON.parse(stripeFixture(type));
  edit?.(p);
  return normalizeStripeEvent(verified(JSON.stringify(p)));
}

const USER = 'user_42';
const CUS = 'cus_TKq8mXyZ12AbCd';
const SUB = 'sub_1SNfG1LkdIwHu7ixSub00001';

describe('stripe normalize', () => {
  it('maps every fixture to a kind, and every mapped type has a fixture', () => {
    const kinds = Object.fromEntries(
      allStripeFixtures().map((t) => [t, normalizeStripeEvent(verified(stripeFixture(t))).kind]),
    );
    expect(kinds).toEqual({
      'charge.refunded': 'refund',
      'checkout.session.completed': 'checkout.completed',
      'customer.created': 'not_supported',
      'customer.deleted': 'customer.deleted',
      'customer.subscription.created': 'subscription.created',
      'customer.subscription.deleted': 'subscription.deleted',
      'customer.subscription.updated': 'subscription.updated',
      'invoice.paid': 'invoice.paid',
      'invoice.payment_failed': 'payment.failed',
      'invoice.payment_succeeded': 'invoice.paid',
      'payment_intent.payment_failed': 'payment.failed',
      'payment_method.attached': 'payment_method.updated',
    });
    for (const [type, kind] of Object.entries(kinds)) {
      const ev = normalizeStripeEvent(verified(stripeFixture(type)));
      expect(ev).toMatchObject({ provider: 'stripe', type, eventId: JSON.parse(stripeFixture(type)).id });
      if (kind !== 'not_supported') expect(Object.hasOwn(STRIPE_MAPPERS, type)).toBe(true);
    }
  });

  it('checkout.session.completed: user and product from what we set at checkout', () => {
    expect(norm('checkout.session.completed')).toMatchObject({
      kind: 'checkout.completed',
      checkoutSessionId: 'cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ',
      userId: USER,
      productId: 'pro-monthly',
      customerId: CUS,
      subscriptionId: SUB,
      amount: 2900,
      currency: 'usd',
      paymentStatus: 'paid',
    });
  });

  it('checkout.session.completed: falls back to metadata when client_reference_id is absent', () => {
    const ev = norm('checkout.session.completed', (p) => {
      p.data.object.client_reference_id = null;
      p.data.object.customer = { id: 'cus_expanded', object: 'customer' };
    });
    expect(ev).toMatchObject({ userId: USER, customerId: 'cus_expanded' });
  });

  it('subscription events carry a snapshot with our words, period end from the item, metadata product', () => {
    const ev = norm('customer.subscription.updated');
    expect(ev.kind).toBe('subscription.updated');
    if (ev.kind !== 'subscription.updated') return;
    expect(ev.subscription).toEqual({
      provider: 'stripe',
      id: SUB,
      customerId: CUS,
      status: 'active',
      productId: 'pro-monthly',
      priceId: 'price_1SNfFzLkdIwHu7ixPro00001',
      currentPeriodEnd: 1767011999,
      cancelAtPeriodEnd: true,
      version: 1764330000 * 1000 + 500,
      userId: USER,
    });
  });

  it('subscription: old shape with current_period_end on the subscription; odd statuses mapped', () => {
    const ev = norm('customer.subscription.created', (p) => {
      const s = p.data.object as { items: { data: Array<Record<string, unknown>> }; [k: string]: unknown };
      delete s.items.data[0].current_period_end;
      s.current_period_end = 1700000000;
      s.status = 'incomplete_expired';
    });
    if (ev.kind !== 'subscription.created') throw new Error(ev.kind);
    expect(ev.subscription).toMatchObject({ currentPeriodEnd: 1700000000, status: 'canceled' });
  });

  it('a deletion outranks an update stamped in the same second', () => {
    const sameSecond = (type: string) =>
      norm(type, (p) => {
        (p as unknown as { created: number }).created = 1767012000;
      });
    const del = sameSecond('customer.subscription.deleted');
    const upd = sameSecond('customer.subscription.updated');
    if (del.kind !== 'subscription.deleted' || upd.kind !== 'subscription.updated') throw new Error('kinds');
    expect(del.subscription.version).toBeGreaterThan(upd.subscription.version);
    expect(del.subscription.status).toBe('canceled');
  });

  it('invoice.paid (new shape) and invoice.payment_succeeded (old shape) describe one payment', () => {
    const a = norm('invoice.paid');
    const b = norm('invoice.payment_succeeded');
    for (const ev of [a, b]) {
      expect(ev).toMatchObject({
        kind: 'invoice.paid',
        paymentId: 'in_1SNfG1LkdIwHu7ixInv00001',
        subscriptionId: SUB,
        customerId: CUS,
        amount: 2900,
        currency: 'usd',
      });
    }
  });

  it('invoice.paid: subscription found on the line item when parent is absent', () => {
    const ev = norm('invoice.paid', (p) => {
      delete p.data.object.parent;
    });
    expect(ev).toMatchObject({ subscriptionId: SUB });
  });

  it('invoice.payment_failed: failure code and payment intent from the new shape', () => {
    expect(norm('invoice.payment_failed')).toMatchObject({
      kind: 'payment.failed',
      paymentId: 'pi_3SpQ7wLkdIwHu7ix0Intent2',
      subscriptionId: SUB,
      amount: 2900,
      failureCode: 'card_declined',
      customerEmail: 'jenny.rosen@example.com',
    });
  });

  it('invoice.payment_failed: old shape with an expanded charge', () => {
    const ev = norm('invoice.payment_failed', (p) => {
      const o = p.data.object;
      delete o.parent;
      delete o.payments;
      o.last_finalization_error = null;
      o.subscription = 'sub_old';
      o.payment_intent = 'pi_old';
      o.charge = { id: 'ch_old', object: 'charge', failure_code: 'expired_card' };
    });
    expect(ev).toMatchObject({ subscriptionId: 'sub_old', paymentId: 'pi_old', failureCode: 'expired_card' });
  });

  it('payment_intent.payment_failed: decline code, no card data', () => {
    const ev = norm('payment_intent.payment_failed');
    expect(ev).toMatchObject({
      kind: 'payment.failed',
      paymentId: 'pi_3SNfH9LkdIwHu7ix0Intent9',
      amount: 4900,
      failureCode: 'generic_decline',
    });
    expect(JSON.stringify(ev)).not.toContain('0002');
  });

  it('charge.refunded, customer.deleted, payment_method.attached', () => {
    expect(norm('charge.refunded')).toMatchObject({
      kind: 'refund',
      paymentId: 'pi_3SNfG2LkdIwHu7ix0Intent1',
      amount: 2900,
      customerId: CUS,
    });
    expect(norm('customer.deleted')).toMatchObject({ kind: 'customer.deleted', customerId: CUS });
    expect(norm('payment_method.attached')).toMatchObject({
      kind: 'payment_method.updated',
      customerId: CUS,
      brand: 'visa',
      last4: '4242',
    });
  });

  it('payment_method.attached without a customer, and a malformed object, are not_supported', () => {
    expect(norm('payment_method.attached', (p) => (p.data.object.customer = null)).kind).toBe(
      'not_supported',
    );
    expect(
      normalizeStripeEvent({
        provider: 'stripe',
        id: 'evt_x',
        type: 'invoice.paid',
        createdAt: 0,
        payload: { data: {} },
      }).kind,
    ).toBe('not_supported');
    expect(
      normalizeStripeEvent({
        provider: 'stripe',
        id: 'evt_y',
        type: 'toString',
        createdAt: 0,
        payload: { data: { object: { id: 'x' } } },
      }).kind,
    ).toBe('not_supported');
  });
});
