/** The default registry: every normalized kind has exactly one handler; `not_supported` falls through. */
import { HandlerRegistry } from '../registry.ts';
import type { EventHandler } from '../types.ts';
import { checkoutCompleted } from './checkout-completed.ts';
import { customerDeleted, paymentMethodUpdated } from './customer-changed.ts';
import { paymentRecorded } from './payment-recorded.ts';
import { subscriptionChanged } from './subscription-changed.ts';

/** Unknown and unsupported kinds are acknowledged and stored in the inbox, never guessed at. */
export const ignoreEvent: EventHandler = {
  async apply() {
    return { outcome: 'ignored' };
  },
};

export function defaultRegistry(): HandlerRegistry {
  return new HandlerRegistry(ignoreEvent)
    .on('checkout.completed', checkoutCompleted)
    .on(['subscription.created', 'subscription.updated', 'subscription.deleted'], subscriptionChanged)
    .on(['invoice.paid', 'payment.failed', 'refund'], paymentRecorded)
    .on('payment_method.updated', paymentMethodUpdated)
    .on('customer.deleted', customerDeleted);
}
