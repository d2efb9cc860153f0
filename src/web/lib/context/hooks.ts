import { useContext, useEffect, useState } from 'react';
import type { ApiError } from '../api/errors.ts';
import type { PaymentStatus, PublicConfig } from '../api/types.ts';
import { type ConfigState, PaymentsContext, type PaymentsContextValue } from './PaymentsProvider.tsx';

export function usePayments(): PaymentsContextValue {
  const ctx = useContext(PaymentsContext);
  if (!ctx) throw new Error('uigen-payments components must be rendered inside <PaymentsProvider>');
  return ctx;
}

export function usePaymentsConfig(): ConfigState {
  return usePayments().configState;
}

/** The config once loaded (undefined while loading or failed) — for components that degrade gracefully. */
export function useReadyConfig(): PublicConfig | undefined {
  const state = usePaymentsConfig();
  return state.status === 'ready' ? state.config : undefined;
}

export type PaymentStatusState =
  | { status: 'loading'; me?: undefined; error?: undefined }
  | { status: 'signed_out'; me?: undefined; error?: undefined }
  | { status: 'ready'; me: PaymentStatus; error?: undefined }
  | { status: 'error'; me?: undefined; error: ApiError };

export interface UsePaymentStatusResult {
  state: PaymentStatusState;
  /** Re-reads `/api/payments/me` for every mounted `usePaymentStatus()` (after checkout, cancel, …). */
  refresh: () => void;
}

/**
 * The caller's plan, entitlements and subscriptions from `GET /api/payments/me`. A 401 (or no token) is
 * `signed_out`, not an error: pricing pages are public.
 */
export function usePaymentStatus(): UsePaymentStatusResult {
  const { client, getToken, statusVersion, refreshPaymentStatus } = usePayments();
  const [state, setState] = useState<PaymentStatusState>({ status: 'loading' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: statusVersion is the refresh trigger
  useEffect(() => {
    let live = true;
    (async () => {
      const token = await getToken();
      if (!token) {
        if (live) setState({ status: 'signed_out' });
        return;
      }
      try {
        const me = await client.get<PaymentStatus>('/api/payments/me');
        if (live) setState({ status: 'ready', me });
      } catch (e) {
        const error = e as ApiError;
        if (live) setState(error.status === 401 ? { status: 'signed_out' } : { status: 'error', error });
      }
    })();
    return () => {
      live = false;
    };
  }, [client, getToken, statusVersion]);

  return { state, refresh: refreshPaymentStatus };
}
