/**
 * A `fetch` for the app's own (monetized) API: adds the bearer token and turns a 402 into a
 * `PaymentRequiredError` after telling the paywall, so any call site gets the upgrade prompt for free.
 */
import { type TokenSource, withAuth } from '../api/client.ts';
import { PaymentRequiredError } from '../api/errors.ts';
import type { PaymentRequiredInfo } from '../api/types.ts';

export interface MonetizedFetchOptions {
  getToken: TokenSource;
  onPaymentRequired: (info: PaymentRequiredInfo) => void;
  fetch?: typeof fetch;
}

const DEFAULT_MESSAGE = 'This feature needs a paid plan.';

/** Reads a 402 body defensively: the upstream may not be ours. */
export async function readPaymentRequired(res: Response): Promise<PaymentRequiredInfo> {
  try {
    const body = (await res.json()) as {
      error?: { code?: unknown; message?: unknown; redirectTo?: unknown };
    };
    const err = body?.error ?? {};
    return {
      code: typeof err.code === 'string' ? err.code : 'payment_required',
      message: typeof err.message === 'string' && err.message ? err.message : DEFAULT_MESSAGE,
      redirectTo: typeof err.redirectTo === 'string' ? err.redirectTo : undefined,
    };
  } catch {
    return { code: 'payment_required', message: DEFAULT_MESSAGE };
  }
}

export function createMonetizedFetch(opts: MonetizedFetchOptions): typeof fetch {
  const doFetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const headers = await withAuth(opts.getToken, new Headers(init?.headers));
    const res = await doFetch(input, { ...init, headers });
    if (res.status !== 402) return res;
    const info = await readPaymentRequired(res);
    opts.onPaymentRequired(info);
    throw new PaymentRequiredError(info.message, info.redirectTo);
  };
}
