/**
 * Everything the payment components share: the public config (fetched once from `/api/payments/config`
 * unless given), the API client bound to the app's token source, and how to leave the page for a hosted
 * checkout. Wrap the part of your app that shows payment UI in it.
 */
import { createContext, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { createPaymentsClient, type PaymentsClient, type TokenSource } from '../api/client.ts';
import type { ApiError } from '../api/errors.ts';
import type { PublicConfig } from '../api/types.ts';

export type ConfigState =
  | { status: 'loading' }
  | { status: 'ready'; config: PublicConfig }
  | { status: 'error'; error: ApiError };

export interface PaymentsProviderProps {
  children: ReactNode;
  /** The signed-in user's bearer token, or null. Called before every API request. */
  getToken: TokenSource;
  /** Skip the config request (server-rendered or tests). */
  config?: PublicConfig;
  /** Prefix for API paths; '' (default) = same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Leaves the app for a hosted page. Defaults to `window.location.assign`. */
  redirect?: (url: string) => void;
  /** Where signed-out users are sent from a 401 (e.g. '/signin'); no link when absent. */
  signInHref?: string;
  /** BCP 47 locale for prices and dates; the browser's by default. */
  locale?: string;
}

export interface PaymentsContextValue {
  client: PaymentsClient;
  configState: ConfigState;
  getToken: TokenSource;
  redirect: (url: string) => void;
  signInHref?: string;
  locale?: string;
  /** Bumped by `refreshPaymentStatus()`; every `usePaymentStatus()` re-reads `/me` when it changes. */
  statusVersion: number;
  refreshPaymentStatus: () => void;
}

export const PaymentsContext = createContext<PaymentsContextValue | null>(null);

function defaultRedirect(url: string): void {
  window.location.assign(url);
}

export function PaymentsProvider(props: PaymentsProviderProps) {
  const { getToken, baseUrl, fetch: fetchImpl, config } = props;
  const client = useMemo(
    () => createPaymentsClient({ getToken, baseUrl, fetch: fetchImpl }),
    [getToken, baseUrl, fetchImpl],
  );
  // The config is public and the same for every user: its client carries no token, so signing in or out
  // does not refetch it.
  const configClient = useMemo(
    () => createPaymentsClient({ getToken: () => null, baseUrl, fetch: fetchImpl }),
    [baseUrl, fetchImpl],
  );
  const [configState, setConfigState] = useState<ConfigState>(
    config ? { status: 'ready', config } : { status: 'loading' },
  );
  const [statusVersion, setStatusVersion] = useState(0);
  const refreshPaymentStatus = useCallback(() => setStatusVersion((v) => v + 1), []);

  useEffect(() => {
    if (config) {
      setConfigState({ status: 'ready', config });
      return;
    }
    let live = true;
    configClient.get<PublicConfig>('/api/payments/config').then(
      (loaded) => live && setConfigState({ status: 'ready', config: loaded }),
      (error: ApiError) => live && setConfigState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [config, configClient]);

  const value = useMemo<PaymentsContextValue>(
    () => ({
      client,
      configState,
      getToken,
      redirect: props.redirect ?? defaultRedirect,
      signInHref: props.signInHref,
      locale: props.locale,
      statusVersion,
      refreshPaymentStatus,
    }),
    [
      client,
      configState,
      getToken,
      props.redirect,
      props.signInHref,
      props.locale,
      statusVersion,
      refreshPaymentStatus,
    ],
  );
  return <PaymentsContext.Provider value={value}>{props.children}</PaymentsContext.Provider>;
}
