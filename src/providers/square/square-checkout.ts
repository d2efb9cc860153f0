/**
 * Hosted checkout on Square: a payment link over an order we describe (one line item at the spec's price),
 * with the product's subscription plan for subscriptions. The session id we hand out is the link's
 * *order id*: Square's payment webhooks carry `order_id`, not the link id, so this is what lets
 * `checkout.completed` find the session. Our user/product travel in the order metadata and the payment note
 * (set here, server-side), never from the browser.
 */
import type { Square, SquareClient } from 'square';
import { PaymentsError, ProviderError } from '../../errors.ts';
import type { SquareProviderConfig } from '../../spec/types.ts';
import type { CheckoutInput, CheckoutSession, CheckoutStatus } from '../types.ts';
import { toWire, wrapSquareError } from './square-client.ts';
import { decodeReference, encodeReference, obj, str } from './square-objects.ts';

const PLACEHOLDER = '{CHECKOUT_SESSION_ID}';

/** Until the order id is known, the redirect carries no placeholder (Square appends `orderId` itself). */
function redirectUrl(url: string): string {
  return url.replace(/[?&][^=&]+=\{CHECKOUT_SESSION_ID\}/, '').replace(PLACEHOLDER, '');
}

export function createSquareCheckout(client: SquareClient, cfg: SquareProviderConfig) {
  return {
    async create(input: CheckoutInput): Promise<CheckoutSession> {
      const { product } = input;
      if (product.price === 'custom')
        throw new PaymentsError('not_supported', 'this product has no fixed price', 400);
      const planId = product.providerPriceIds?.square;
      if (product.type === 'subscription' && !planId) {
        throw new PaymentsError('not_supported', 'this subscription has no Square plan configured', 400);
      }
      const ref = encodeReference(input.userId, product.id);
      try {
        const res = await client.checkout.paymentLinks.create({
          idempotencyKey: input.idempotencyKey,
          order: {
            locationId: cfg.locationId,
            customerId: input.customerId,
            metadata: { uigen_ref: ref },
            lineItems: [
              {
                name: product.name.slice(0, 255),
                quantity: '1',
                basePriceMoney: {
                  amount: BigInt(product.price),
                  currency: product.currency.toUpperCase() as Square.Currency,
                },
              },
            ],
          },
          checkoutOptions: {
            redirectUrl: redirectUrl(input.successUrl),
            ...(planId ? { subscriptionPlanId: planId } : {}),
          },
          paymentNote: ref,
        });
        const link = res.paymentLink;
        if (!link?.orderId || !link.url)
          throw new ProviderError('square', 'provider_error', 'Square returned no payment link', 502);
        // The order id exists only now: point the redirect at it so the success page gets `session_id`
        // like Stripe's. A replayed create returns the already-updated link, so this runs once per link.
        const target = input.successUrl.replaceAll(PLACEHOLDER, link.orderId);
        if (link.id && target !== link.checkoutOptions?.redirectUrl) {
          await client.checkout.paymentLinks.update({
            id: link.id,
            paymentLink: {
              version: link.version ?? 1,
              checkoutOptions: { ...link.checkoutOptions, redirectUrl: target },
            },
          });
        }
        return { sessionId: link.orderId, url: link.url };
      } catch (e) {
        wrapSquareError(e, 'checkout');
      }
    },

    async status(orderId: string): Promise<CheckoutStatus> {
      try {
        const order = toWire((await client.orders.get({ orderId })).order);
        const done = order.state === 'COMPLETED';
        return {
          sessionId: orderId,
          status: done ? 'complete' : order.state === 'CANCELED' ? 'expired' : 'open',
          paymentStatus: done ? 'paid' : 'unpaid',
          customerId: str(order.customer_id),
          ...decodeReference(obj(order.metadata).uigen_ref),
        };
      } catch (e) {
        wrapSquareError(e, 'checkout');
      }
    },
  };
}
