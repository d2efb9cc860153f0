/**
 * The one HTTP client the components use: same-origin JSON calls with the caller's bearer token.
 * Non-2xx answers become `ApiError`; a network failure becomes `ApiError(0, 'network_error')`.
 */
import { errorFromResponse, networkError } from './errors.ts';

/** Where the bearer token comes from (the app's auth). `null` = signed out. */
export type TokenSource = () => string | null | Promise<string | null>;

export interface PaymentsClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

export interface ClientOptions {
  getToken: TokenSource;
  /** Prefix for API paths; '' = same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** Adds `Authorization: Bearer …` unless the caller set one already. */
export async function withAuth(getToken: TokenSource, headers: Headers): Promise<Headers> {
  if (headers.has('authorization')) return headers;
  const token = await getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  return headers;
}

export function createPaymentsClient(opts: ClientOptions): PaymentsClient {
  const base = opts.baseUrl ?? '';
  const doFetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = await withAuth(opts.getToken, new Headers({ accept: 'application/json' }));
    if (body !== undefined) headers.set('content-type', 'application/json');
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw networkError();
    }
    if (!res.ok) throw await errorFromResponse(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
  };
}
