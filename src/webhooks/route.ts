/**
 * `POST /webhooks/:provider`: raw bytes → size cap (413) → content type (415) → signature (400, one generic
 * body for every failure) → durable inbox insert (503 if it cannot be stored) → 200. Nothing is parsed,
 * logged or stored before the signature holds; nothing is acknowledged before the row is committed.
 */
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { PaymentsError, WebhookVerificationError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { PaymentProvider, VerifiedEvent } from '../providers/types.ts';
import type { PaymentsConfig, ProviderName } from '../spec/types.ts';
import type { Store } from '../store/types.ts';
import { errorCode } from './error-code.ts';
import { assertWebhookSecrets } from './fail-closed.ts';
import { createInboxWriter } from './group-commit.ts';
import { nudgeInbox } from './nudge.ts';

/** What the ingest route needs; the server passes its own instances. */
export interface WebhookRouteDeps {
  config: PaymentsConfig;
  providers: Map<ProviderName, PaymentProvider>;
  store: Store;
  logger: Logger;
  metrics?: Metrics;
  /** Epoch ms clock (tests). */
  now?: () => number;
  /** Share commits between concurrent deliveries (default true); each 2xx still waits for its own commit. */
  groupCommit?: boolean;
}

const RECEIVED = '{"received":true}';
/** Oversize bodies up to this size are read and discarded after the 413 so the sender sees it. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  message: string,
) {
  return reply.code(status).send({ error: { code, message, requestId: String(request.id) } });
}

function providerParam(request: FastifyRequest): string {
  return (request.params as { provider?: string }).provider ?? '';
}

export const webhookRoutes: FastifyPluginAsync<WebhookRouteDeps> = async (scope, deps) => {
  const { config, providers, store, logger, metrics } = deps;
  const now = deps.now ?? Date.now;
  const log = logger.child({ component: 'webhooks' });
  const inbox = deps.groupCommit === false ? store.inbox : createInboxWriter(store);

  // Our own parser keeps the exact bytes: a re-serialized body would not match the signature.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: config.webhookMaxBytes },
    (_req, body, done) => done(null, body),
  );

  scope.setErrorHandler((err: FastifyError, request, reply) => {
    const provider = providerParam(request);
    if (err.statusCode === 413) {
      metrics?.webhooksRejected.inc({ provider, reason: 'too_large' });
      // Fastify answers before reading the body and marks the connection for closing; a sender still uploading
      // then hits EPIPE/reset and may never read the 413. Up to a bounded size Node reads and discards the rest
      // instead (keep-alive), so the sender gets its answer; beyond that the connection is still closed.
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES) reply.removeHeader('connection');
      return sendError(reply, request, 413, 'payload_too_large', 'webhook body too large');
    }
    if (err.statusCode === 415) {
      metrics?.webhooksRejected.inc({ provider, reason: 'content_type' });
      return sendError(
        reply,
        request,
        415,
        'unsupported_media_type',
        'webhook body must be application/json',
      );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      metrics?.webhooksRejected.inc({ provider, reason: 'malformed' });
      return sendError(reply, request, 400, 'invalid_request', 'malformed webhook request');
    }
    log.error({ provider, code: errorCode(err), reqId: request.id }, 'webhook route failed');
    return sendError(reply, request, 500, 'internal_error', 'internal error');
  });

  // Unknown providers are refused before the body is read.
  scope.addHook('onRequest', (request, reply, done) => {
    if (providers.has(providerParam(request) as ProviderName)) return done();
    sendError(reply, request, 404, 'not_found', 'unknown webhook provider');
  });

  scope.post('/webhooks/:provider', { bodyLimit: config.webhookMaxBytes }, async (request, reply) => {
    const name = providerParam(request) as ProviderName;
    const provider = providers.get(name) as PaymentProvider;
    const raw = request.body;
    if (!Buffer.isBuffer(raw)) {
      metrics?.webhooksRejected.inc({ provider: name, reason: 'content_type' });
      return sendError(
        reply,
        request,
        415,
        'unsupported_media_type',
        'webhook body must be application/json',
      );
    }
    metrics?.webhooksReceived.inc({ provider: name });

    let event: VerifiedEvent;
    try {
      event = await provider.verifyWebhook(raw, request.headers);
    } catch (err) {
      return verificationFailed(err, request, reply, name);
    }
    metrics?.webhooksVerified.inc({ provider: name });

    let outcome: 'inserted' | 'duplicate';
    try {
      outcome = await inbox.insert({
        provider: name,
        eventId: event.id,
        type: event.type,
        payload: raw.toString('utf8'),
        receivedAt: now(),
      });
    } catch (err) {
      metrics?.webhooksRejected.inc({ provider: name, reason: 'store_unavailable' });
      log.error(
        { provider: name, code: errorCode(err), reqId: request.id },
        'webhook not stored; answering 503 so the provider retries',
      );
      return sendError(reply, request, 503, 'store_unavailable', 'storage temporarily unavailable');
    }
    if (outcome === 'duplicate') metrics?.webhooksDuplicate.inc({ provider: name });
    else nudgeInbox(store);
    log.debug({ provider: name, eventId: event.id, type: event.type, outcome }, 'webhook stored');
    return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(RECEIVED);
  });

  function verificationFailed(
    err: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
    name: ProviderName,
  ) {
    if (err instanceof WebhookVerificationError || (err instanceof PaymentsError && err.status < 500)) {
      metrics?.webhooksRejected.inc({ provider: name, reason: 'signature' });
      const reason = err instanceof WebhookVerificationError ? err.reason : err.code;
      log.warn({ provider: name, reason, reqId: request.id }, 'webhook rejected');
      return sendError(reply, request, 400, 'invalid_webhook', 'webhook verification failed');
    }
    // A verifier that could not decide (e.g. PayPal's verify API timed out) must never become an accept.
    const status = err instanceof PaymentsError ? err.status : 500;
    log.error(
      { provider: name, code: errorCode(err), reqId: request.id },
      'webhook verification could not complete',
    );
    return sendError(
      reply,
      request,
      Math.max(status, 500),
      'verification_unavailable',
      'webhook verification unavailable',
    );
  }
};

/** Registers `POST /webhooks/:provider` in its own encapsulated context. Throws ConfigError (fail closed) when a configured provider has no usable secret. */
export async function registerWebhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  assertWebhookSecrets(deps.config, deps.providers);
  await app.register(webhookRoutes, deps);
}
