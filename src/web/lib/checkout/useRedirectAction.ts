import { useState } from 'react';
import { ApiError } from '../api/errors.ts';
import { isAllowedRedirect } from '../api/urls.ts';
import { usePayments } from '../context/hooks.ts';

export interface RedirectAction {
  run: () => Promise<void>;
  pending: boolean;
  error: ApiError | null;
}

/**
 * POST to an endpoint that answers `{url}` for a provider-hosted page (checkout, portal) and leave for it —
 * only when the URL's origin is in `config.checkoutOrigins`. Stays pending while the browser leaves so a
 * second click cannot start another session.
 */
export function useRedirectAction(path: string, body: () => unknown): RedirectAction {
  const { client, configState, redirect } = usePayments();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run() {
    if (pending || configState.status !== 'ready') return;
    setPending(true);
    setError(null);
    try {
      const { url } = await client.post<{ url: string }>(path, body());
      if (!isAllowedRedirect(url, configState.config.checkoutOrigins)) {
        throw new ApiError(
          0,
          'untrusted_redirect',
          'The payment provider returned an unexpected address, so we stopped.',
        );
      }
      redirect(url);
    } catch (e) {
      setError(
        e instanceof ApiError ? e : new ApiError(0, 'unexpected', 'Something went wrong. Please try again.'),
      );
      setPending(false);
    }
  }
  return { run, pending, error };
}
