/**
 * The official PayPal SDK client, plus the two things around it every operation needs: pointing it at the
 * local sandbox in test mode, and turning SDK failures into our typed errors without SDK text.
 */
import { ApiError, Client, Environment, ResponseValidationError } from '@paypal/paypal-server-sdk';
import { NotFoundError, PaymentsError, ProviderError } from '../../errors.ts';
import type { PaypalProviderConfig } from '../../spec/types.ts';

const SDK_TIMEOUT_MS = 15_000;

interface AxiosLikeConfig {
  url?: string;
  method?: string;
  headers?: { toJSON?: () => Record<string, unknown> } & Record<string, unknown>;
  data?: unknown;
  auth?: { username: string; password: string };
  timeout?: number;
}

/**
 * The SDK only knows PayPal's two hosts. In test mode we swap the origin for `apiBase` with an axios
 * adapter (the SDK's documented `unstable_httpClientOptions` pass-through), so every request, header and
 * body is still produced by the SDK itself.
 */
function rebasingAdapter(apiBase: string) {
  const base = apiBase.replace(/\/+$/, '');
  return async (config: AxiosLikeConfig) => {
    const original = new URL(config.url ?? '/');
    const target = base + original.pathname + original.search;
    const headers: Record<string, string> = {};
    const raw = config.headers?.toJSON ? config.headers.toJSON() : (config.headers ?? {});
    for (const [k, v] of Object.entries(raw))
      if (v !== undefined && v !== null && typeof v !== 'object') headers[k] = String(v);
    if (config.auth)
      headers.authorization = `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`;
    const res = await fetch(target, {
      method: (config.method ?? 'get').toUpperCase(),
      headers,
      body: typeof config.data === 'string' ? config.data : undefined,
      redirect: 'manual',
      signal: config.timeout ? AbortSignal.timeout(config.timeout) : undefined,
    });
    return {
      data: await res.text(),
      status: res.status,
      statusText: res.statusText,
      headers: Object.fromEntries(res.headers),
      config,
      request: {},
    };
  };
}

export function createPaypalClient(cfg: PaypalProviderConfig, apiBase?: string): Client {
  return new Client({
    clientCredentialsAuthCredentials: { oAuthClientId: cfg.clientId, oAuthClientSecret: cfg.clientSecret },
    environment: cfg.mode === 'live' ? Environment.Production : Environment.Sandbox,
    timeout: SDK_TIMEOUT_MS,
    ...(apiBase ? { unstable_httpClientOptions: { adapter: rebasingAdapter(apiBase) } } : {}),
  });
}

/** SDK failure → typed error. 404 is ours to report; everything else is the provider's (no SDK text). */
export function wrapPaypalError(e: unknown, what: string): never {
  if (e instanceof PaymentsError) throw e;
  if (e instanceof ApiError) {
    if (e.statusCode === 404) throw new NotFoundError(`PayPal ${what} not found`);
    const unavailable = e.statusCode === 429 || e.statusCode >= 500;
    throw new ProviderError(
      'paypal',
      unavailable ? 'provider_unavailable' : 'provider_error',
      unavailable ? 'PayPal is temporarily unavailable' : `PayPal rejected the ${what} request`,
      unavailable ? 503 : 502,
      { cause: e, providerCode: String(e.statusCode) },
    );
  }
  if (e instanceof ResponseValidationError) {
    throw new ProviderError('paypal', 'provider_error', `PayPal sent an unexpected ${what} response`, 502, {
      cause: e,
    });
  }
  throw new ProviderError('paypal', 'provider_unavailable', 'PayPal could not be reached', 503, { cause: e });
}

/** The `issue` codes of a PayPal error body (`{name, details: [{issue}]}`), e.g. ORDER_ALREADY_CAPTURED. */
export function paypalIssues(e: ApiError): string[] {
  let body: unknown = e.result;
  if (typeof e.body === 'string' && e.body) {
    try {
      body = JSON.parse(e.body);
    } catch {
      // not JSON: no issues to read
    }
  }
  const details = body && typeof body === 'object' ? (body as { details?: unknown }).details : undefined;
  return Array.isArray(details)
    ? details.map((d) => String((d as { issue?: unknown } | null)?.issue ?? '')).filter(Boolean)
    : [];
}

/** The raw wire JSON of a response (snake_case, the same shape webhooks carry). */
export function wireBody(response: { body: unknown }): Record<string, unknown> {
  try {
    const parsed = typeof response.body === 'string' && response.body ? JSON.parse(response.body) : {};
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}
