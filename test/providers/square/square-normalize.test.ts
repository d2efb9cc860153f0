import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeSquareEvent } from '../../../src/providers/square/square-normalize.ts';
import type { NormalizedEvent, VerifiedEvent } from '../../../src/providers/types.ts';

const dir = new URL('../../fixtures/webhooks/square/', import.meta.url);

function load(name: string): VerifiedEvent {
  const payload = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  return {
    provider: 'square',
    id: payload.event_id,
    type: payload.type,
    createdAt: Date.parse(payload.created_at),
    payload,
  };
}

const SUB = '8151fc89-da15-4eb9-a685-1a70883cebfc';
const CUS = 'JDKYHBWT1D4F8MFH63DBMEN8Y4';

const expected: Record<string, Partial<NormalizedEvent> & Record<string, unknown>> = {
  'payment.created.json': { kind: 'not_supported' },
  'payment.updated.json': {
    kind: 'checkout.completed',
    checkoutSessionId: 'CAISENgvlJ6jLWAzERDzjyHVybY',
    paymentId: 'KkAkhdMsgzn59SM8A89WgKwekxLZY',
    paymentStatus: 'paid',
    userId: 'user_42',
    productId: 'lifetime',
    customerId: CUS,
    amount: 9900,
    currency: 'usd',
  },
  'payment.updated.failed.json': {
    kind: 'payment.failed',
    paymentId: 'KkAkhdMsgzn59SM8A89WgKwekxLZZ',
    amount: 9900,
  },
  'subscription.created.json': {
    kind: 'subscription.created',
    subscription: {
      provider: 'square',
      id: SUB,
      customerId: CUS,
      status: 'active',
      priceId: '6JHXF3B2CW3YKHDV4XEM674H',
      currentPeriodEnd: Date.parse('2026-12-28') / 1000,
      cancelAtPeriodEnd: false,
      version: 1,
    },
  },
  'subscription.updated.json': {
    kind: 'subscription.updated',
    subscription: expect.objectContaining({ status: 'active', cancelAtPeriodEnd: true, version: 3 }),
  },
  'subscription.updated.canceled.json': {
    kind: 'subscription.deleted',
    subscription: expect.objectContaining({ status: 'canceled', version: 4 }),
  },
  'subscription.updated.paused.json': {
    kind: 'subscription.updated',
    subscription: expect.objectContaining({ status: 'unpaid', version: 5 }),
  },
  'invoice.payment_made.json': {
    kind: 'invoice.paid',
    paymentId: 'inv:0-ChCHu2mZEabLeeHahQnXDjZQECY',
    subscriptionId: SUB,
    customerId: CUS,
    amount: 2900,
    currency: 'usd',
  },
  'invoice.scheduled_charge_failed.json': {
    kind: 'payment.failed',
    subscriptionId: SUB,
    amount: 2900,
    failureCode: 'scheduled_charge_failed',
  },
  'refund.created.json': { kind: 'not_supported' },
  'refund.updated.json': {
    kind: 'refund',
    paymentId: 'KkAkhdMsgzn59SM8A89WgKwekxLZY',
    amount: 9900,
    currency: 'usd',
  },
  'customer.deleted.json': { kind: 'customer.deleted', customerId: CUS },
  'dispute.created.json': { kind: 'not_supported' },
};

describe('Square normalize', () => {
  it('has an expectation for every fixture', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file} → ${want.kind}`, () => {
      const ev = load(file);
      const n = normalizeSquareEvent(ev);
      expect(n).toMatchObject({
        provider: 'square',
        eventId: ev.id,
        type: ev.type,
        occurredAt: ev.createdAt,
        ...want,
      });
    });
  }

  it('never takes a user id from anything but our own payment note format', () => {
    const ev = load('payment.updated.json');
    (ev.payload as { data: { object: { payment: { note: string } } } }).data.object.payment.note =
      'user_evil';
    const n = normalizeSquareEvent(ev);
    expect(n.kind).toBe('checkout.completed');
    expect((n as { userId?: string }).userId).toBeUndefined();
  });
});
