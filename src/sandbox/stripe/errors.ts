/** Stripe-shaped API errors: `{error: {type, code, message, param?}}` with Stripe's HTTP status. */
export type StripeErrorType =
  | 'invalid_request_error'
  | 'card_error'
  | 'idempotency_error'
  | 'api_error'
  | 'authentication_error';

export class StripeApiError extends Error {
  readonly status: number;
  readonly type: StripeErrorType;
  readonly code?: string;
  readonly param?: string;
  constructor(status: number, type: StripeErrorType, message: string, code?: string, param?: string) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  body() {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

export function missing(kind: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(
    404,
    'invalid_request_error',
    `No such ${kind}: '${id}'`,
    'resource_missing',
    param,
  );
}

export function invalid(message: string, param?: string, code = 'parameter_invalid'): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, code, param);
}

export function requireParam(value: unknown, param: string): asserts value {
  if (value === undefined || value === null || value === '') {
    throw new StripeApiError(
      400,
      'invalid_request_error',
      `Missing required param: ${param}.`,
      'parameter_missing',
      param,
    );
  }
}

/**
 * An optional http(s) URL param. Stripe refuses anything else, and the hosted pages put these URLs in links
 * and redirects, so a `javascript:` value must never get that far.
 */
export function urlParam(value: unknown, param: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  // `{CHECKOUT_SESSION_ID}` is a template, not part of the URL's validity.
  const probe = String(value).replaceAll('{CHECKOUT_SESSION_ID}', 'x');
  try {
    const u = new URL(probe);
    if (u.protocol === 'http:' || u.protocol === 'https:') return String(value);
  } catch {}
  throw invalid('Not a valid URL', param, 'url_invalid');
}
