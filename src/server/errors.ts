/**
 * The contract's error shape everywhere: `{"error":{"code","message","requestId"}}`. 5xx say only
 * "internal error"; details go to the (redacted) log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PaymentsError } from '../errors.ts';

export function errorBody(code: string, message: string, requestId: string, extra?: Record<string, unknown>) {
  return { error: { code, message, ...(extra ?? {}), requestId } };
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, extra?: Record<string, unknown>) {
  return reply.code(status).type('application/json').send(errorBody(code, message, reply.request.id, extra));
}

/** Fastify's own client errors (body too large, bad JSON, bad content type) mapped to stable codes. */
function fastifyClientError(err: FastifyError): { status: number; code: string; message: string } | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', message: 'request body too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: 'unsupported content type' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'invalid_json', message: 'request body is not valid JSON' };
    default:
      if ((err as { statusCode?: number }).statusCode === 400 && err instanceof SyntaxError) {
        return { status: 400, code: 'invalid_json', message: 'request body is not valid JSON' };
      }
      return undefined;
  }
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof PaymentsError) {
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      else request.log.info({ code: err.code, status: err.status }, 'request rejected');
      if (err.status === 429 && err.extra?.retryAfter) reply.header('retry-after', String(err.extra.retryAfter));
      const extra = err.extra ? Object.fromEntries(Object.entries(err.extra).filter(([k]) => k !== 'retryAfter')) : undefined;
      const message = err.status >= 500 && err.code === 'internal' ? 'internal error' : err.message;
      return sendError(reply, err.status, err.code, message, extra);
    }
    const mapped = fastifyClientError(err);
    if (mapped) return sendError(reply, mapped.status, mapped.code, mapped.message);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return sendError(reply, status, 'invalid_request', 'invalid request');
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, 500, 'internal', 'internal error');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'not_found', 'not found'));
}
