/**
 * The Square adapter: HMAC webhook verification over the configured URL, event normalization, and hosted
 * checkout / subscriptions / customer deletion through the official SDK. `apiBase` (the local sandbox) is
 * honoured only in test mode.
 */
import { SquareError } from 'square';
import { ConfigError, PaymentsError } from '../../errors.ts';
import { type Logger, silentLogger } from '../../log.ts';
import type { SquareProviderConfig } from '../../spec/types.ts';
import type { PaymentProvider, SubscriptionSnapshot } from '../types.ts';
import { createSquareCheckout } from './square-checkout.ts';
import { createSquareClient, toWire, wrapSquareError } from './square-client.ts';
import { normalizeSquareEvent } from './square-normalize.ts';
import { subscriptionSnapshot } from './square-objects.ts';
import { verifySquareSignature } from './square-verify.ts';

export { signSquarePayload } from './square-test-signer.ts';

export interface SquareProviderOptions {
  /** Sandbox / emulator API base (test mode only). */
  apiBase?: string;
  now?: () => number;
  logger?: Logger;
}

function requireSecrets(cfg: SquareProviderConfig): void {
  const missing = (['accessToken', 'locationId', 'webhookSignatureKey', 'webhookUrl'] as const).filter(
    (k) => !cfg[k]?.trim(),
  );
  if (missing.length) throw new ConfigError(`square provider is missing ${missing.join(', ')}`);
}

export function createSquareProvider(
  cfg: SquareProviderConfig,
  opts: SquareProviderOptions = {},
): PaymentProvider {
  requireSecrets(cfg);
  const now = opts.now ?? Date.now;
  if (cfg.mode !== 'test' && opts.apiBase)
    (opts.logger ?? silentLogger()).warn({ provider: 'square' }, 'apiBase ignored in live mode');
  const client = createSquareClient(cfg, cfg.mode === 'test' ? opts.apiBase : undefined);
  const checkout = createSquareCheckout(client, cfg);
  const keys = { signatureKey: cfg.webhookSignatureKey, notificationUrl: cfg.webhookUrl };

  async function getSubscription(subscriptionId: string): Promise<SubscriptionSnapshot> {
    try {
      return subscriptionSnapshot(
        toWire((await client.subscriptions.get({ subscriptionId })).subscription),
        now(),
      );
    } catch (e) {
      wrapSquareError(e, 'subscription');
    }
  }

  return {
    name: 'square',
    // Square's cancel always takes effect at the end of the paid period.
    capabilities: { portal: false, cancelAtPeriodEnd: true, remoteVerification: false },
    verifyWebhook: async (rawBody, headers) => verifySquareSignature(rawBody, headers, keys),
    normalize: normalizeSquareEvent,
    createCheckout: (input) => checkout.create(input),
    getCheckout: (sessionId) => checkout.status(sessionId),
    getSubscription,
    async cancelSubscription(subscriptionId) {
      try {
        return subscriptionSnapshot(
          toWire((await client.subscriptions.cancel({ subscriptionId })).subscription),
          now(),
        );
      } catch (e) {
        // Cancelling twice is rejected by Square; if it is already ending, that is the outcome we wanted.
        if (e instanceof SquareError && e.statusCode === 400) {
          const snap = await getSubscription(subscriptionId);
          if (snap.cancelAtPeriodEnd || snap.status === 'canceled') return snap;
        }
        wrapSquareError(e, 'subscription');
      }
    },
    async createPortal() {
      throw new PaymentsError('not_supported', 'Square has no customer billing portal', 400);
    },
    async deleteCustomer(customerId) {
      try {
        await client.customers.delete({ customerId });
      } catch (e) {
        if (e instanceof SquareError && e.statusCode === 404) return;
        wrapSquareError(e, 'customer');
      }
    },
  };
}
