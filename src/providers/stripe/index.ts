/** The Stripe adapter: verification + normalization (pure) and the SDK operations the core needs. */
import type Stripe from 'stripe';
import { ConfigError, ProviderError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { silentLogger } from '../../log.ts';
import { maskId } from '../../redact.ts';
import type { StripeProviderConfig } from '../../spec/types.ts';
import type { PaymentProvider, SubscriptionSnapshot } from '../types.ts';
import { checkoutParams, toCheckoutStatus } from './stripe-checkout.ts';
import { callStripe, createStripeClient } from './stripe-client.ts';
import { normalizeStripeEvent } from './stripe-normalize.ts';
import { toSnapshot } from './stripe-snapshot.ts';
import { stripeSigningKeys, verifyStripeSignature } from './stripe-verify.ts';

export { normalizeStripeEvent } from './stripe-normalize.ts';
export { signStripePayload } from './stripe-test-signer.ts';
export { STRIPE_TOLERANCE_SECONDS, verifyStripeSignature } from './stripe-verify.ts';

export interface StripeProviderOptions {
  /** API base override (local sandbox); ignored unless `cfg.mode === 'test'`. */
  apiBase?: string;
  /** Epoch ms; tests move it to check the signature tolerance window. */
  now?: () => number;
  logger?: Logger;
}

export function createStripeProvider(
  cfg: StripeProviderConfig,
  opts: StripeProviderOptions = {},
): PaymentProvider {
  const secrets = (cfg.webhookSecrets ?? []).filter((s) => typeof s === 'string' && s.length > 0);
  // Fail closed: without a secret every webhook would have to be accepted or rejected blindly.
  if (secrets.length === 0) throw new ConfigError('stripe: webhook secret is missing or empty');
  if (!cfg.apiKey) throw new ConfigError('stripe: API key is missing');
  const keys = stripeSigningKeys(secrets);
  const now = opts.now ?? Date.now;
  const log = opts.logger ?? silentLogger();
  const client: Stripe = createStripeClient(cfg, opts.apiBase);

  const snapshotOf = (sub: Stripe.Subscription) =>
    toSnapshot(sub as unknown as Record<string, unknown>, now());

  return {
    name: 'stripe',
    capabilities: { portal: true, cancelAtPeriodEnd: true, remoteVerification: false },

    async verifyWebhook(rawBody, headers) {
      return verifyStripeSignature(rawBody, headers, keys, now());
    },

    normalize: normalizeStripeEvent,

    async createCheckout(input) {
      const s = await callStripe('create checkout', () =>
        client.checkout.sessions.create(checkoutParams(input), { idempotencyKey: input.idempotencyKey }),
      );
      if (!s.url) throw new ProviderError('stripe', 'provider_error', 'checkout has no redirect URL');
      log.debug({ session: maskId(s.id) }, 'stripe checkout created');
      return { sessionId: s.id, url: s.url };
    },

    async getCheckout(sessionId) {
      return toCheckoutStatus(
        await callStripe('read checkout', () => client.checkout.sessions.retrieve(sessionId)),
      );
    },

    async getSubscription(subscriptionId): Promise<SubscriptionSnapshot> {
      const sub = await callStripe('read subscription', () => client.subscriptions.retrieve(subscriptionId));
      const snapshot = snapshotOf(sub);
      const pmId =
        typeof sub.default_payment_method === 'string'
          ? sub.default_payment_method
          : sub.default_payment_method?.id;
      if (pmId) {
        // Brand + last 4 only: what the billing page shows, nothing that could charge a card.
        const pm = await callStripe('read payment method', () => client.paymentMethods.retrieve(pmId));
        snapshot.paymentMethod = { brand: pm.card?.brand ?? null, last4: pm.card?.last4 ?? null };
      }
      return snapshot;
    },

    async cancelSubscription(subscriptionId, { atPeriodEnd, idempotencyKey }) {
      const sub = await callStripe('cancel subscription', () =>
        atPeriodEnd
          ? client.subscriptions.update(subscriptionId, { cancel_at_period_end: true }, { idempotencyKey })
          : client.subscriptions.cancel(subscriptionId, {}, { idempotencyKey }),
      );
      return snapshotOf(sub);
    },

    async createPortal(customerId, returnUrl) {
      const p = await callStripe('open billing portal', () =>
        client.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl }),
      );
      return { url: p.url };
    },

    async deleteCustomer(customerId) {
      try {
        await callStripe('delete customer', () => client.customers.del(customerId));
      } catch (err) {
        // Already gone is the state we wanted (GDPR delete is idempotent).
        if (err instanceof ProviderError && err.code === 'not_found') return;
        throw err;
      }
    },
  };
}
