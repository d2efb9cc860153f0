/**
 * One error base class with a stable string `code`. HTTP handlers map it to the contract's error shape
 * `{"error":{"code","message","requestId"}}`; the React client switches on the same codes.
 * `message` must be safe to show a user: never SQL, SDK text, stack or a secret.
 */
export class PaymentsError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra fields the HTTP error body may carry (e.g. `redirectTo` on 402). Must be browser-safe. */
  readonly extra?: Record<string, unknown>;

  constructor(code: string, message: string, status = 500, options?: { cause?: unknown; extra?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.extra = options?.extra;
  }
}

export class ValidationError extends PaymentsError {
  constructor(message: string, code = 'invalid_request') {
    super(code, message, 400);
  }
}

export class AuthError extends PaymentsError {
  constructor(message = 'authentication required') {
    super('unauthorized', message, 401);
  }
}

export class ForbiddenError extends PaymentsError {
  constructor(message = 'access denied') {
    super('forbidden', message, 403);
  }
}

export class NotFoundError extends PaymentsError {
  constructor(message = 'not found') {
    super('not_found', message, 404);
  }
}

export class ConflictError extends PaymentsError {
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

/** The store could not be reached or written. Webhook routes answer 503 so the provider retries. */
export class StoreUnavailableError extends PaymentsError {
  constructor(options?: { cause?: unknown }) {
    super('store_unavailable', 'storage temporarily unavailable', 503, options);
  }
}

/** A provider SDK/API call failed. Wrapped at the adapter edge; `providerCode` is safe metadata only. */
export class ProviderError extends PaymentsError {
  readonly provider: string;
  readonly providerCode?: string;
  constructor(provider: string, code: string, message: string, status = 502, options?: { cause?: unknown; providerCode?: string }) {
    super(code, message, status, options);
    this.provider = provider;
    this.providerCode = options?.providerCode;
  }
}

/** Webhook signature or format rejected. `reason` is short and secret-free (for logs only, never the response). */
export class WebhookVerificationError extends PaymentsError {
  readonly reason: string;
  constructor(reason: string) {
    super('invalid_webhook', 'webhook verification failed', 400);
    this.reason = reason;
  }
}

/** Configuration problems found at start-up; carries every diagnostic, never a secret value. */
export class ConfigError extends PaymentsError {
  readonly diagnostics: readonly import('./spec/diagnostics.ts').Diagnostic[];
  constructor(message: string, diagnostics: readonly import('./spec/diagnostics.ts').Diagnostic[] = []) {
    super('invalid_config', message, 500);
    this.diagnostics = diagnostics;
  }
}
