/** Square webhook events from the sandbox: Square's envelope, HMAC-signed over the configured URL + body. */
import { signSquarePayload } from '../../providers/square/square-test-signer.ts';
import type { SandboxContext } from '../types.ts';
import { isoTime, type Json, uuid } from './state.ts';

export interface SquareWebhookTarget {
  webhookUrl: string;
  signatureKey: string;
}

export type SquareEmit = (type: string, objectType: string, object: Json) => Json;

export const MERCHANT_ID = 'MLSANDBOXUIGEN';

export function createSquareEmitter(
  ctx: SandboxContext,
  target: SquareWebhookTarget | undefined,
  log: Json[],
): SquareEmit {
  return (type, objectType, object) => {
    const event = {
      merchant_id: MERCHANT_ID,
      type,
      event_id: uuid(),
      created_at: isoTime(ctx.clock.now()),
      // A snapshot: later changes to the object must not rewrite what this event said.
      data: { type: objectType, id: object.id, object: { [objectType]: structuredClone(object) } },
    };
    log.push(event);
    if (target) {
      ctx.deliver({
        provider: 'square',
        eventId: event.event_id,
        type,
        url: target.webhookUrl,
        body: JSON.stringify(event),
        headers: {
          'content-type': 'application/json',
          'square-environment': 'Sandbox',
          'user-agent': 'Square Connect v2',
        },
        sign: (body) => ({
          'x-square-hmacsha256-signature': signSquarePayload(body, target.webhookUrl, target.signatureKey),
        }),
      });
    }
    return event;
  };
}
