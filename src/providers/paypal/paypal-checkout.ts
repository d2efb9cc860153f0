/**
 * Hosted checkout on PayPal: a one-time product is an Orders v2 order (intent CAPTURE) approved on PayPal,
 * a subscription product is a Billing subscription on the product's plan. `custom_id` carries our user and
 * product id (set here, server-side) so webhooks attribute the payment without trusting the browser.
 * PayPal-Request-Id = our idempotency key, so a repeated click returns the same order/subscription.
 */
import {
  ApiError,
  ApplicationContextUserAction,
  CheckoutPaymentIntent,
  type Client,
  ExperienceContextShippingPreference,
  OrderApplicationContextShippingPreference,
  OrderApplicationContextUserAction,
  OrdersController,
  SubscriptionsController,
} from '@paypal/paypal-server-sdk';
import { PaymentsError, ProviderError } from '../../errors.ts';
import type { CheckoutInput, CheckoutSession, CheckoutStatus } from '../types.ts';
import { paypalIssues, wireBody, wrapPaypalError } from './paypal-client.ts';
import {
  decodeCustomId,
  encodeCustomId,
  money,
  type Obj,
  obj,
  orderParts,
  str,
  toValue,
} from './paypal-objects.ts';

/** PayPal subscription ids start with `I-`; order ids never do. */
export const isSubscriptionId = (id: string) => id.startsWith('I-');

/** PayPal appends `token=<id>` to the return URL itself; the Stripe-style placeholder cannot be filled. */
function returnUrl(url: string): string {
  return url.replace(/[?&][^=&]+=\{CHECKOUT_SESSION_ID\}/, '').replace('{CHECKOUT_SESSION_ID}', '');
}

function approvalLink(body: Obj): string {
  const links = Array.isArray(body.links) ? body.links.map(obj) : [];
  const link = links.find((l) => l.rel === 'approve' || l.rel === 'payer-action');
  const href = str(link?.href);
  if (!href) throw new ProviderError('paypal', 'provider_error', 'PayPal returned no approval link', 502);
  return href;
}

export function createPaypalCheckout(client: Client) {
  const orders = new OrdersController(client);
  const subscriptions = new SubscriptionsController(client);

  async function createOrder(input: CheckoutInput, price: number): Promise<CheckoutSession> {
    const { product } = input;
    try {
      const res = await orders.createOrder({
        paypalRequestId: input.idempotencyKey,
        prefer: 'return=representation',
        body: {
          intent: CheckoutPaymentIntent.Capture,
          purchaseUnits: [
            {
              referenceId: product.id,
              customId: encodeCustomId(input.userId, product.id),
              description: product.name.slice(0, 127),
              amount: {
                currencyCode: product.currency.toUpperCase(),
                value: toValue(price, product.currency),
              },
            },
          ],
          applicationContext: {
            returnUrl: returnUrl(input.successUrl),
            cancelUrl: input.cancelUrl,
            userAction: OrderApplicationContextUserAction.PayNow,
            shippingPreference: OrderApplicationContextShippingPreference.NoShipping,
          },
        },
      });
      const body = wireBody(res);
      return { sessionId: str(body.id) ?? '', url: approvalLink(body) };
    } catch (e) {
      wrapPaypalError(e, 'checkout');
    }
  }

  async function createSubscription(input: CheckoutInput, planId: string): Promise<CheckoutSession> {
    try {
      const res = await subscriptions.createSubscription({
        paypalRequestId: input.idempotencyKey,
        prefer: 'return=representation',
        body: {
          planId,
          customId: encodeCustomId(input.userId, input.product.id),
          applicationContext: {
            returnUrl: returnUrl(input.successUrl),
            cancelUrl: input.cancelUrl,
            userAction: ApplicationContextUserAction.SubscribeNow,
            shippingPreference: ExperienceContextShippingPreference.NoShipping,
          },
        },
      });
      const body = wireBody(res);
      return { sessionId: str(body.id) ?? '', url: approvalLink(body) };
    } catch (e) {
      wrapPaypalError(e, 'subscription');
    }
  }

  /**
   * Captures an approved order. PayPal answers a repeated PayPal-Request-Id with the first capture; a capture
   * that came in under another id (or after PayPal forgot this one) is 422 ORDER_ALREADY_CAPTURED, which is
   * the outcome we wanted: the order is re-read and reported as it stands.
   */
  async function capture(id: string): Promise<Obj> {
    try {
      return wireBody(
        await orders.captureOrder({ id, paypalRequestId: `capture-${id}`, prefer: 'return=representation' }),
      );
    } catch (e) {
      if (!(e instanceof ApiError && paypalIssues(e).includes('ORDER_ALREADY_CAPTURED'))) throw e;
      return wireBody(await orders.getOrder({ id }));
    }
  }

  return {
    async create(
      input: CheckoutInput,
      planIdFor: (input: CheckoutInput) => Promise<string>,
    ): Promise<CheckoutSession> {
      const { product } = input;
      if (product.price === 'custom')
        throw new PaymentsError('not_supported', 'this product has no fixed price', 400);
      if (product.type === 'subscription') return createSubscription(input, await planIdFor(input));
      return createOrder(input, product.price);
    },

    /**
     * Order status, capturing an APPROVED order: approval alone moves no money. Both the success page
     * (getCheckout) and the worker applying CHECKOUT.ORDER.APPROVED (captureCheckout) come here; one
     * PayPal-Request-Id per order makes their captures one, and an order captured already is reported as paid.
     */
    async status(sessionId: string): Promise<CheckoutStatus> {
      if (isSubscriptionId(sessionId)) return subscriptionStatus(subscriptions, sessionId);
      try {
        let order = wireBody(await orders.getOrder({ id: sessionId }));
        if (order.status === 'APPROVED') order = await capture(sessionId);
        const { unit, capture: captured } = orderParts(order);
        const done = order.status === 'COMPLETED';
        const paymentId = done && captured.status === 'COMPLETED' ? str(captured.id) : undefined;
        return {
          sessionId,
          status: done ? 'complete' : order.status === 'VOIDED' ? 'expired' : 'open',
          paymentStatus: done ? 'paid' : 'unpaid',
          customerId: str(obj(order.payer).payer_id),
          ...decodeCustomId(unit.custom_id),
          ...(paymentId ? { paymentId, ...money(captured.amount) } : {}),
        };
      } catch (e) {
        wrapPaypalError(e, 'checkout');
      }
    },
  };
}

async function subscriptionStatus(
  subscriptions: SubscriptionsController,
  id: string,
): Promise<CheckoutStatus> {
  try {
    const sub = wireBody(await subscriptions.getSubscription({ id }));
    const active = sub.status === 'ACTIVE';
    const ended = sub.status === 'CANCELLED' || sub.status === 'EXPIRED';
    return {
      sessionId: id,
      status: active ? 'complete' : ended ? 'expired' : 'open',
      paymentStatus: active ? 'paid' : 'unpaid',
      subscriptionId: id,
      customerId: str(obj(sub.subscriber).payer_id),
      ...decodeCustomId(sub.custom_id),
    };
  } catch (e) {
    wrapPaypalError(e, 'subscription');
  }
}
