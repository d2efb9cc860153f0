/**
 * What every emulated Stripe API call shares: test-key auth, Stripe-encoded params, idempotency keys, and
 * Stripe-shaped errors. Handlers only return the object; this wrapper does the wire format.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StripeApiError } from './errors.ts';
import { canonicalParams, type FormObject, parseStripeForm } from './form.ts';

export interface ApiCall {
  params: FormObject;
  /** Route params (`:id`). */
  path: Record<string, string>;
  idempotencyKey: string | null;
}

export type ApiHandler = (call: ApiCall) => unknown;

interface Remembered {
  route: string;
  params: string;
  status: number;
  body: unknown;
}

/** Keys are kept for the sandbox's lifetime (Stripe keeps them 24 h; a dev session is shorter). */
export function createIdempotencyStore() {
  return new Map<string, Remembered>();
}

function apiKeyOf(req: FastifyRequest): string {
  const auth = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/.exec(auth);
  const key = m?.[1] ?? '';
  if (!/^(sk|rk)_test_/.test(key)) {
    // The sandbox is test mode only: a live key here is a configuration mistake worth refusing loudly.
    throw new StripeApiError(
      401,
      'authentication_error',
      key ? 'The sandbox only accepts test-mode keys (sk_test_…).' : 'You did not provide an API key.',
    );
  }
  return key;
}

function paramsOf(req: FastifyRequest): FormObject {
  const q = req.url.indexOf('?');
  const query = q >= 0 ? parseStripeForm(req.url.slice(q + 1)) : {};
  const body = typeof req.body === 'string' ? parseStripeForm(req.body) : {};
  return { ...query, ...body };
}

export function apiHandler(idem: Map<string, Remembered>, handler: ApiHandler) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('request-id', `req_${Math.random().toString(36).slice(2, 16)}`);
    try {
      const apiKey = apiKeyOf(req);
      const params = paramsOf(req);
      const rawKey = req.headers['idempotency-key'];
      const key = typeof rawKey === 'string' && rawKey ? rawKey : null;
      const route = `${req.method} ${req.routeOptions.url} ${JSON.stringify(req.params)}`;
      const scoped = key && req.method !== 'GET' ? `${apiKey}\u0000${key}` : null;
      const canon = canonicalParams(params);
      if (scoped) {
        const seen = idem.get(scoped);
        if (seen) {
          if (seen.route !== route || seen.params !== canon) {
            throw new StripeApiError(
              400,
              'idempotency_error',
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
              'idempotency_key_in_use',
            );
          }
          reply.header('idempotent-replayed', 'true');
          return reply.code(seen.status).send(seen.body);
        }
      }
      let status = 200;
      let body: unknown;
      try {
        body = await handler({ params, path: req.params as Record<string, string>, idempotencyKey: key });
      } catch (err) {
        if (!(err instanceof StripeApiError)) throw err;
        status = err.status;
        body = err.body();
      }
      // Stripe replays errors too (except 5xx/auth), so a retried bad request stays bad.
      if (scoped) idem.set(scoped, { route, params: canon, status, body });
      return reply.code(status).send(body);
    } catch (err) {
      const e =
        err instanceof StripeApiError
          ? err
          : new StripeApiError(500, 'api_error', 'An unexpected error occurred in the sandbox.');
      return reply.code(e.status).send(e.body());
    }
  };
}
