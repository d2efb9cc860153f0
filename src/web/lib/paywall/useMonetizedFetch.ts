import { useCallback, useMemo, useState } from 'react';
import type { PaymentRequiredInfo } from '../api/types.ts';
import { usePayments } from '../context/hooks.ts';
import { createMonetizedFetch } from './monetizedFetch.ts';

export interface MonetizedFetchState {
  /** Use like `fetch`; throws `PaymentRequiredError` on 402 after setting `paymentRequired`. */
  fetch: typeof fetch;
  /** The last 402 (render `<UpgradePrompt {...paymentRequired} />`), or null. */
  paymentRequired: PaymentRequiredInfo | null;
  reset: () => void;
}

/** The fetch wrapper bound to the provider's token source, with the 402 as React state. */
export function useMonetizedFetch(fetchImpl?: typeof fetch): MonetizedFetchState {
  const { getToken } = usePayments();
  const [paymentRequired, setPaymentRequired] = useState<PaymentRequiredInfo | null>(null);
  const wrapped = useMemo(
    () => createMonetizedFetch({ getToken, onPaymentRequired: setPaymentRequired, fetch: fetchImpl }),
    [getToken, fetchImpl],
  );
  const reset = useCallback(() => setPaymentRequired(null), []);
  return { fetch: wrapped, paymentRequired, reset };
}
