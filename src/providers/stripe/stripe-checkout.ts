/** Checkout Session parameters and status, from our product/checkout types. */
import type Stripe from 'stripe';
import { ValidationError } from '../../errors.ts';
import type { Product } from '../../spec/types.ts';
import type { CheckoutInput, CheckoutStatus } from '../types.ts';
import { idOf, metadataOf, str } from './stripe-snapshot.ts';

function lineItem(product: Product): Stripe.Checkout.SessionCreateParams.LineItem {
  const priceId = product.providerPriceIds?.stripe;
  if (priceId) return { price: priceId, quantity: 1 };
  if (product.price === 'custom')
    throw new ValidationError('this product has no fixed price', 'product_not_purchasable');
  return {
    quantity: 1,
    price_data: {
      currency: product.currency,
      unit_amount: product.price,
      product_data: { name: product.name },
      ...(product.type === 'subscription'
        ? { recurring: { interval: product.interval ?? 'month', interval_count: product.intervalCount ?? 1 } }
        : {}),
    },
  };
}

/** The session we ask Stripe for. The user is attributed only through fields we set here. */
export function checkoutParams(input: CheckoutInput): Stripe.Checkout.SessionCreateParams {
  const { product, userId } = input;
  const metadata = { uigen_user_id: userId, uigen_product_id: product.id };
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: product.type === 'subscription' ? 'subscription' : 'payment',
    line_items: [lineItem(product)],
    client_reference_id: userId,
    metadata,
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
  };
  if (product.type === 'subscription') {
    params.subscription_data = {
      metadata,
      ...(product.trialDays ? { trial_period_days: product.trialDays } : {}),
    };
  } else {
    params.payment_intent_data = { metadata };
  }
  if (input.customerId) params.customer = input.customerId;
  return params;
}

export function toCheckoutStatus(s: Stripe.Checkout.Session): CheckoutStatus {
  const md = metadataOf(s as unknown as Record<string, unknown>);
  return {
    sessionId: s.id,
    status: s.status ?? 'open',
    paymentStatus: s.payment_status,
    userId: str(s.client_reference_id) ?? str(md.uigen_user_id),
    customerId: idOf(s.customer),
    subscriptionId: idOf(s.subscription),
    productId: str(md.uigen_product_id),
  };
}
