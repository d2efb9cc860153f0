/** Creating Stripe events and handing them to the delivery queue, signed like Stripe signs them. */
import Stripe from 'stripe';
import { signStripePayload } from '../../providers/stripe/stripe-test-signer.ts';
import type { SandboxContext } from '../types.ts';
import { newId, type StripeEvent, type StripeState } from './state.ts';

export interface StripeWebhookTarget {
  webhookUrl: string;
  webhookSecret: string;
}

export type EmitFn = (
  type: string,
  object: unknown,
  extra?: { previous?: Record<string, unknown>; idempotencyKey?: string | null },
) => StripeEvent;

export function createEmitter(ctx: SandboxContext, state: StripeState, target?: StripeWebhookTarget): EmitFn {
  return (type, object, extra = {}) => {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      // The version the installed SDK speaks, so its types describe what we send.
      api_version: Stripe.API_VERSION,
      // Wall time, not the advanced sandbox clock: the app orders snapshots by event time and versions a
      // re-fetched subscription by its own clock, so both must be on one timeline.
      created: Math.floor(Date.now() / 1000),
      type,
      // A snapshot: later changes to the object must not rewrite what this event said.
      data: {
        object: structuredClone(object),
        ...(extra.previous ? { previous_attributes: extra.previous } : {}),
      },
      livemode: false,
      pending_webhooks: target ? 1 : 0,
      request: {
        id: extra.idempotencyKey === undefined ? null : newId('req'),
        idempotency_key: extra.idempotencyKey ?? null,
      },
    };
    state.events.push(event);
    if (target) {
      const secret = target.webhookSecret;
      ctx.deliver({
        provider: 'stripe',
        eventId: event.id,
        type,
        url: target.webhookUrl,
        body: JSON.stringify(event),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        // Signed with the real clock at each attempt, as Stripe does: the receiver checks `t` against its own
        // time, which the sandbox clock (advanced for renewals) must not skew.
        sign: (body) => ({ 'stripe-signature': signStripePayload(body, secret) }),
      });
    }
    return event;
  };
}
