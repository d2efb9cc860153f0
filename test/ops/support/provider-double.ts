/**
 * A PaymentProvider test double that records the erasure calls (deleteCustomer, cancelSubscription). Only for
 * store-level GDPR tests; the end-to-end GDPR test uses the real Stripe adapter against the sandbox.
 */
import { ProviderError } from '../../../src/errors.ts';
import type { PaymentProvider, SubscriptionSnapshot } from '../../../src/providers/types.ts';
import type { ProviderName } from '../../../src/spec/types.ts';

export interface RecordingProvider extends PaymentProvider {
  calls: string[];
  /** Make the next calls fail like a provider outage. */
  failing: boolean;
  /** Provider subscription id → its customer, as the provider's cancel answer names it. */
  subscriptionCustomers: Map<string, string>;
}

export function recordingProvider(name: ProviderName): RecordingProvider {
  const unused = async (): Promise<never> => {
    throw new Error('not used by these tests');
  };
  const p: RecordingProvider = {
    name,
    capabilities: { portal: false, cancelAtPeriodEnd: true, remoteVerification: false },
    calls: [],
    failing: false,
    subscriptionCustomers: new Map(),
    verifyWebhook: unused,
    normalize: () => {
      throw new Error('not used by these tests');
    },
    createCheckout: unused,
    getCheckout: unused,
    getSubscription: unused,
    createPortal: unused,
    async cancelSubscription(id, opts) {
      if (p.failing)
        throw new ProviderError(name, 'provider_unavailable', 'provider temporarily unavailable', 503);
      p.calls.push(`cancel:${id}:${opts.idempotencyKey}`);
      return {
        provider: name,
        id,
        customerId: p.subscriptionCustomers.get(id),
        status: 'canceled',
        cancelAtPeriodEnd: false,
        version: Date.now(),
      } as SubscriptionSnapshot;
    },
    async deleteCustomer(id) {
      if (p.failing)
        throw new ProviderError(name, 'provider_unavailable', 'provider temporarily unavailable', 503);
      p.calls.push(`delete:${id}`);
    },
  };
  return p;
}
