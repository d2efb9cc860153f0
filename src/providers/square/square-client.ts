/**
 * The official Square SDK client (pointed at the local sandbox via `baseUrl` in test mode) and the edge
 * where SDK failures become our typed errors, without SDK text.
 */
import { SquareClient, SquareEnvironment, SquareError } from 'square';
import { NotFoundError, PaymentsError, ProviderError } from '../../errors.ts';
import type { SquareProviderConfig } from '../../spec/types.ts';
import type { Obj } from './square-objects.ts';

export function createSquareClient(cfg: SquareProviderConfig, apiBase?: string): SquareClient {
  return new SquareClient({
    token: cfg.accessToken,
    environment: cfg.mode === 'live' ? SquareEnvironment.Production : SquareEnvironment.Sandbox,
    ...(apiBase ? { baseUrl: apiBase.replace(/\/+$/, '') } : {}),
    timeoutInSeconds: 15,
    maxRetries: 1,
  });
}

export function wrapSquareError(e: unknown, what: string): never {
  if (e instanceof PaymentsError) throw e;
  if (e instanceof SquareError && e.statusCode !== undefined) {
    if (e.statusCode === 404) throw new NotFoundError(`Square ${what} not found`);
    const unavailable = e.statusCode === 429 || e.statusCode >= 500;
    throw new ProviderError(
      'square',
      unavailable ? 'provider_unavailable' : 'provider_error',
      unavailable ? 'Square is temporarily unavailable' : `Square rejected the ${what} request`,
      unavailable ? 503 : 502,
      { cause: e, providerCode: e.errors[0]?.code ?? String(e.statusCode) },
    );
  }
  throw new ProviderError('square', 'provider_unavailable', 'Square could not be reached', 503, { cause: e });
}

/** SDK objects are camelCase; webhooks are snake_case. One reader (square-objects.ts) serves both. */
export function toWire(v: unknown): Obj {
  const convert = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(convert);
    if (x && typeof x === 'object') {
      const out: Obj = {};
      for (const [k, val] of Object.entries(x))
        out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = convert(val);
      return out;
    }
    return x;
  };
  return (convert(v) as Obj) ?? {};
}
