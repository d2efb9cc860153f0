/**
 * PayPal webhook events from the sandbox: PayPal's envelope, signed with the sandbox leaf certificate at each
 * delivery attempt (PayPal re-signs retries; the receiver rejects a transmission time older than 5 minutes).
 */
import { signPaypalPayload } from '../../providers/paypal/paypal-test-signer.ts';
import type { SandboxContext } from '../types.ts';
import { CERT_PATH } from './ca.ts';
import { type Json, paypalId } from './state.ts';

export interface PaypalWebhookTarget {
  webhookUrl: string;
  webhookId: string;
  /** The sandbox leaf certificate's key (ca.ts). */
  privateKeyPem: string;
}

export type PaypalEmit = (type: string, resourceType: string, resource: Json) => Json;

export function createPaypalEmitter(
  ctx: SandboxContext,
  target: PaypalWebhookTarget | undefined,
  log: Json[],
): PaypalEmit {
  return (type, resourceType, resource) => {
    const id = paypalId('WH-', 17);
    const event = {
      id,
      event_version: '1.0',
      create_time: new Date(ctx.clock.now()).toISOString(),
      resource_type: resourceType,
      resource_version: resourceType === 'sale' ? '1.0' : '2.0',
      event_type: type,
      summary: `${type} (sandbox)`,
      // A snapshot: later changes to the object must not rewrite what this event said.
      resource: structuredClone(resource),
      links: [
        {
          href: `${ctx.baseUrl()}/paypal/v1/notifications/webhooks-events/${id}`,
          rel: 'self',
          method: 'GET',
        },
      ],
    };
    log.push(event);
    if (target) {
      ctx.deliver({
        provider: 'paypal',
        eventId: id,
        type,
        url: target.webhookUrl,
        body: JSON.stringify(event),
        headers: { 'content-type': 'application/json', 'user-agent': 'PayPal/AUHD-214.0-58844015' },
        sign: (body) =>
          signPaypalPayload(body, {
            webhookId: target.webhookId,
            certUrl: `${ctx.baseUrl()}${CERT_PATH}`,
            privateKeyPem: target.privateKeyPem,
          }),
      });
    }
    return event;
  };
}
