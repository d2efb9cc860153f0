/**
 * The client-side mirror of the server's error body `{"error":{"code","message","requestId"}}`. Components
 * switch on `code`/`status` (the same stable codes as src/errors.ts) and show `message`, which the server
 * guarantees is safe for users.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  /** Seconds from a `Retry-After` header (429), rounded up. */
  readonly retryAfterSeconds?: number;
  /** From a 402 body: where the app wants the user to go to upgrade. */
  readonly redirectTo?: string;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { requestId?: string; retryAfterSeconds?: number; redirectTo?: string } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = extra.requestId;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.redirectTo = extra.redirectTo;
  }
}

/** Thrown by the monetized fetch wrapper on a 402, after the paywall has been told. */
export class PaymentRequiredError extends ApiError {
  constructor(message: string, redirectTo?: string, requestId?: string) {
    super(402, 'payment_required', message, { redirectTo, requestId });
    this.name = 'PaymentRequiredError';
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'The request was not accepted.',
  401: 'Please sign in to continue.',
  402: 'This feature needs a paid plan.',
  403: 'You do not have access to this.',
  404: 'Not found.',
  409: 'This conflicts with your current subscription.',
  429: 'Too many attempts. Please wait a moment.',
};

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Builds an ApiError from a non-2xx response, never trusting the body to be JSON. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const code = typeof err?.code === 'string' ? err.code : `http_${res.status}`;
  const message =
    typeof err?.message === 'string' && err.message
      ? err.message
      : (FALLBACK_MESSAGES[res.status] ?? 'Something went wrong. Please try again.');
  return new ApiError(res.status, code, message, {
    requestId: typeof err?.requestId === 'string' ? err.requestId : undefined,
    redirectTo: typeof err?.redirectTo === 'string' ? err.redirectTo : undefined,
    retryAfterSeconds: parseRetryAfter(res.headers.get('retry-after')),
  });
}

export function networkError(): ApiError {
  return new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
}
