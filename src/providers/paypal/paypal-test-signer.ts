/**
 * Test signer for PayPal webhooks (fixtures, the sandbox emulator, `uigen-pay webhooks send`): produces the
 * five `paypal-*` headers PayPal sends, signed with a test leaf key (see paypal-test-ca.ts).
 */
import { randomUUID, sign } from 'node:crypto';
import { PAYPAL_AUTH_ALGO, paypalSignedMessage } from './paypal-verify.ts';

export interface PaypalSignOptions {
  webhookId: string;
  transmissionId?: string;
  /** ISO 8601 transmission time; defaults to now. */
  time?: string;
  certUrl: string;
  privateKeyPem: string;
  /** Override only to produce a header the verifier must reject. */
  authAlgo?: string;
}

export function signPaypalPayload(body: string | Buffer, opts: PaypalSignOptions): Record<string, string> {
  const transmissionId = opts.transmissionId ?? randomUUID();
  const time = opts.time ?? new Date().toISOString();
  const message = paypalSignedMessage(
    transmissionId,
    time,
    opts.webhookId,
    typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  );
  return {
    'paypal-transmission-id': transmissionId,
    'paypal-transmission-time': time,
    'paypal-transmission-sig': sign('sha256', Buffer.from(message, 'utf8'), opts.privateKeyPem).toString(
      'base64',
    ),
    'paypal-cert-url': opts.certUrl,
    'paypal-auth-algo': opts.authAlgo ?? PAYPAL_AUTH_ALGO,
  };
}
