/** Re-reading and cancelling PayPal subscriptions through the SDK, as the same snapshot webhooks build. */
import { ApiError, type Client, SubscriptionsController } from '@paypal/paypal-server-sdk';
import type { SubscriptionSnapshot } from '../types.ts';
import { wireBody, wrapPaypalError } from './paypal-client.ts';
import { subscriptionSnapshot } from './paypal-objects.ts';

export function createPaypalSubscriptions(client: Client, now: () => number) {
  const subscriptions = new SubscriptionsController(client);

  async function get(id: string): Promise<SubscriptionSnapshot> {
    try {
      return subscriptionSnapshot(wireBody(await subscriptions.getSubscription({ id })), now());
    } catch (e) {
      wrapPaypalError(e, 'subscription');
    }
  }

  /** PayPal cancels immediately (no period-end option). Cancelling a cancelled one (422) is a success. */
  async function cancel(id: string): Promise<SubscriptionSnapshot> {
    try {
      await subscriptions.cancelSubscription({ id, body: { reason: 'Canceled by the customer' } });
    } catch (e) {
      if (!(e instanceof ApiError && e.statusCode === 422)) wrapPaypalError(e, 'subscription');
    }
    return get(id);
  }

  return { get, cancel };
}
