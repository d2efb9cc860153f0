import { WebhookVerificationError } from '../errors.ts';

/** The verified raw body as a JSON object, or a WebhookVerificationError (every adapter needs exactly this). */
export function parseEventObject(rawBody: Buffer): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('body is not JSON');
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new WebhookVerificationError('body is not an event');
  }
  return payload as Record<string, unknown>;
}
