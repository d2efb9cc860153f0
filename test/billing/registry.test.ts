import { describe, expect, it } from 'vitest';
import { defaultRegistry, ignoreEvent } from '../../src/billing/handlers/index.ts';
import { HandlerRegistry } from '../../src/billing/registry.ts';
import type { NormalizedEvent, NormalizedKind } from '../../src/providers/types.ts';

const base = { provider: 'stripe' as const, eventId: 'evt_1', type: 'x', occurredAt: 1 };

describe('HandlerRegistry', () => {
  it('registering a kind twice throws', () => {
    const reg = new HandlerRegistry(ignoreEvent).on('refund', ignoreEvent);
    expect(() => reg.on('refund', ignoreEvent)).toThrow(/already registered/);
  });

  it('kinds without a handler go to the explicit fallback', () => {
    const reg = new HandlerRegistry(ignoreEvent);
    const event: NormalizedEvent = { ...base, kind: 'not_supported' };
    expect(reg.for(event)).toBe(ignoreEvent);
  });

  it('the default registry handles every normalized kind except not_supported', () => {
    const reg = defaultRegistry();
    const kinds: NormalizedKind[] = [
      'checkout.completed',
      'subscription.created',
      'subscription.updated',
      'subscription.deleted',
      'invoice.paid',
      'payment.failed',
      'refund',
      'customer.deleted',
      'payment_method.updated',
    ];
    for (const k of kinds) expect(reg.has(k), k).toBe(true);
    expect(reg.has('not_supported')).toBe(false);
  });
});
