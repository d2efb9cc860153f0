import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.ts';
import { normalizePaypalEvent } from '../../../src/providers/paypal/paypal-normalize.ts';
import { decodeCustomId, encodeCustomId } from '../../../src/providers/paypal/paypal-objects.ts';
import type { VerifiedEvent } from '../../../src/providers/types.ts';

const dir = new URL('../../fixtures/webhooks/paypal/', import.meta.url);

function load(name: string): VerifiedEvent {
  const payload = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  return {
    provider: 'paypal',
    id: payload.id,
    type: payload.event_type,
    createdAt: Date.parse(payload.create_time),
    payload,
  };
}

const SUB = 'I-BW452GLLEP1G';
const ORDER = '5O190127TN364715T';
const sub = (status: string, updated: string, extra: Record<string, unknown> = {}) => ({
  provider: 'paypal',
  id: SUB,
  customerId: 'QYR5Z8XDVJNXQ',
  status,
  priceId: 'P-5ML4271244454362WXNWU5NQ',
  cancelAtPeriodEnd: false,
  version: Date.parse(updated),
  userId: 'user_42',
  productId: 'pro-monthly',
  ...extra,
});

const expected: Record<string, Record<string, unknown>> = {
  // Approved, not captured: links the payer, records no payment (paymentStatus unpaid, no paymentId).
  'CHECKOUT.ORDER.APPROVED.json': {
    kind: 'checkout.completed',
    checkoutSessionId: ORDER,
    paymentId: undefined,
    paymentStatus: 'unpaid',
    userId: 'user_42',
    productId: 'lifetime',
    customerId: 'QYR5Z8XDVJNXQ',
  },
  'CHECKOUT.ORDER.COMPLETED.json': {
    kind: 'checkout.completed',
    checkoutSessionId: ORDER,
    paymentId: '3C679366HH908993F',
    paymentStatus: 'paid',
    userId: 'user_42',
    productId: 'lifetime',
    customerId: 'QYR5Z8XDVJNXQ',
    amount: 9900,
    currency: 'usd',
  },
  'PAYMENT.CAPTURE.COMPLETED.json': {
    kind: 'checkout.completed',
    checkoutSessionId: ORDER,
    paymentId: '3C679366HH908993F',
    userId: 'user_42',
    productId: 'lifetime',
    amount: 9900,
    currency: 'usd',
  },
  'PAYMENT.CAPTURE.DENIED.json': {
    kind: 'payment.failed',
    paymentId: '7NW873794T343360M',
    amount: 9900,
    failureCode: 'declined',
  },
  'PAYMENT.CAPTURE.REFUNDED.json': {
    kind: 'refund',
    paymentId: '3C679366HH908993F',
    amount: 9900,
    currency: 'usd',
  },
  'BILLING.SUBSCRIPTION.CREATED.json': {
    kind: 'subscription.created',
    subscription: sub('incomplete', '2026-11-28T09:57:00Z', {
      currentPeriodEnd: Date.parse('2026-12-28T10:00:00Z') / 1000,
    }),
  },
  'BILLING.SUBSCRIPTION.ACTIVATED.json': {
    kind: 'subscription.updated',
    subscription: sub('active', '2026-11-28T10:00:00Z'),
  },
  'BILLING.SUBSCRIPTION.UPDATED.json': {
    kind: 'subscription.updated',
    subscription: sub('active', '2026-11-30T10:00:00Z', { priceId: 'P-6ML4271244454362WXNWU5NR' }),
  },
  'BILLING.SUBSCRIPTION.SUSPENDED.json': {
    kind: 'subscription.updated',
    subscription: sub('past_due', '2026-12-29T10:00:00Z'),
  },
  'BILLING.SUBSCRIPTION.CANCELLED.json': {
    kind: 'subscription.deleted',
    subscription: sub('canceled', '2027-01-02T10:00:00Z'),
  },
  'BILLING.SUBSCRIPTION.EXPIRED.json': {
    kind: 'subscription.deleted',
    subscription: sub('canceled', '2027-11-28T10:00:00Z'),
  },
  'BILLING.SUBSCRIPTION.PAYMENT.FAILED.json': {
    kind: 'payment.failed',
    subscriptionId: SUB,
    customerId: 'QYR5Z8XDVJNXQ',
    amount: 2900,
    currency: 'usd',
    failureCode: 'payment_denied',
  },
  'PAYMENT.SALE.COMPLETED.json': {
    kind: 'invoice.paid',
    paymentId: '80021663DE681814L',
    subscriptionId: SUB,
    amount: 2900,
    currency: 'usd',
  },
  'PAYMENT.SALE.DENIED.json': {
    kind: 'payment.failed',
    paymentId: '80021663DE681814M',
    subscriptionId: SUB,
    amount: 2900,
  },
  'CUSTOMER.DISPUTE.CREATED.json': { kind: 'not_supported' },
};

describe('PayPal normalize', () => {
  it('has an expectation for every fixture', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file} → ${want.kind}`, () => {
      const ev = load(file);
      expect(normalizePaypalEvent(ev)).toMatchObject({
        provider: 'paypal',
        eventId: ev.id,
        type: ev.type,
        occurredAt: ev.createdAt,
        ...want,
      });
    });
  }

  it('an older snapshot carries a smaller version than a newer one (ordering key)', () => {
    const older = normalizePaypalEvent(load('BILLING.SUBSCRIPTION.ACTIVATED.json'));
    const newer = normalizePaypalEvent(load('BILLING.SUBSCRIPTION.CANCELLED.json'));
    if (!('subscription' in older) || !('subscription' in newer)) throw new Error('expected snapshots');
    expect(newer.subscription.version).toBeGreaterThan(older.subscription.version);
  });

  it('zero-decimal currencies keep whole units', () => {
    const ev = load('PAYMENT.CAPTURE.COMPLETED.json');
    (ev.payload as { resource: Record<string, unknown> }).resource.amount = {
      currency_code: 'JPY',
      value: '1500',
    };
    expect(normalizePaypalEvent(ev)).toMatchObject({ amount: 1500, currency: 'jpy' });
  });
});

describe('PayPal custom_id', () => {
  it('round-trips user and product ids with separators and unicode', () => {
    const v = encodeCustomId('auth0|abc:Ünï', 'pro|monthly');
    expect(v.length).toBeLessThanOrEqual(127);
    expect(decodeCustomId(v)).toEqual({ userId: 'auth0|abc:Ünï', productId: 'pro|monthly' });
  });

  it('refuses ids that would not fit instead of truncating them (a truncated id could name another user)', () => {
    expect(() => encodeCustomId('u'.repeat(120), 'pro')).toThrow(ValidationError);
  });
});
