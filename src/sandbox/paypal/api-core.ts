/**
 * Request plumbing for the PayPal emulator: OAuth bearer check, PayPal's error body, and PayPal-Request-Id
 * idempotency (a retried POST gets the first response back, not a second object).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Json, PaypalState } from './state.ts';

export class PaypalApiError extends Error {
  readonly status: number;
  readonly issue: string;
  constructor(status: number, name: string, issue: string) {
    super(issue);
    this.status = status;
    this.name = name;
    this.issue = issue;
  }
}

export const notFound = () => new PaypalApiError(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
export const unprocessable = (issue: string) => new PaypalApiError(422, 'UNPROCESSABLE_ENTITY', issue);
export const invalid = (issue: string) => new PaypalApiError(400, 'INVALID_REQUEST', issue);

export interface ApiContext {
  params: Record<string, string>;
  body: Json;
}

type Handler = (c: ApiContext) => { status: number; body: Json | null };

function errorBody(e: PaypalApiError): Json {
  return {
    name: e.name,
    message: 'The requested action could not be performed.',
    debug_id: randomBytes(6).toString('hex'),
    details: [{ issue: e.issue, description: e.issue.toLowerCase().replaceAll('_', ' ') }],
  };
}

export function apiRouter(app: FastifyInstance, state: PaypalState) {
  return (method: 'GET' | 'POST' | 'PATCH', path: string, handler: Handler) => {
    app.route({
      method,
      url: path,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const auth = req.headers.authorization ?? '';
        if (!auth.startsWith('Bearer ') || !state.tokens.has(auth.slice(7))) {
          return reply
            .code(401)
            .send({ error: 'invalid_token', error_description: 'Token signature verification failed' });
        }
        const requestId = req.headers['paypal-request-id'];
        const key =
          typeof requestId === 'string' && method === 'POST'
            ? `${path}|${JSON.stringify(req.params)}|${requestId}`
            : undefined;
        const seen = key ? state.idempotent.get(key) : undefined;
        if (seen) return reply.code(seen.status).send(seen.body);
        try {
          const body = req.body && typeof req.body === 'object' ? (req.body as Json) : {};
          const res = handler({ params: req.params as Record<string, string>, body });
          if (key && res.body) state.idempotent.set(key, { status: res.status, body: res.body });
          return res.body ? reply.code(res.status).send(res.body) : reply.code(res.status).send();
        } catch (e) {
          if (e instanceof PaypalApiError) return reply.code(e.status).send(errorBody(e));
          throw e;
        }
      },
    });
  };
}

/**
 * PayPal accepts `Content-Type: application/json` with no body (the SDK's capture call sends exactly that);
 * Fastify's default parser would answer 400. Scoped to the emulator's routes.
 */
export function lenientJson(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (!body) return done(null, {});
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('invalid JSON'), { statusCode: 400 }), undefined);
    }
  });
}

/** Basic-auth client credentials → bearer token (checked against the configured app when given). */
export function tokenRoute(
  app: FastifyInstance,
  state: PaypalState,
  creds: { clientId?: string; clientSecret?: string },
) {
  app.post('/v1/oauth2/token', async (req, reply) => {
    const auth = req.headers.authorization ?? '';
    const [id, secret] = auth.startsWith('Basic ')
      ? Buffer.from(auth.slice(6), 'base64').toString().split(':')
      : [];
    const ok =
      id &&
      secret &&
      (!creds.clientId || id === creds.clientId) &&
      (!creds.clientSecret || secret === creds.clientSecret);
    if (!ok)
      return reply
        .code(401)
        .send({ error: 'invalid_client', error_description: 'Client Authentication failed' });
    const token = `A21AA${randomBytes(24).toString('base64url')}`;
    state.tokens.add(token);
    return {
      scope: 'https://uri.paypal.com/services/payments/payment',
      access_token: token,
      token_type: 'Bearer',
      app_id: 'APP-80W284485P519543T',
      expires_in: 32400,
      nonce: randomBytes(8).toString('hex'),
    };
  });
}
