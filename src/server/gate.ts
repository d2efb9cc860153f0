/**
 * The gate proxy (`serve --upstream URL`): every path of the spec is forwarded to the upstream API; an
 * `x-uigen-monetized` operation the caller's plan does not cover answers 402 before anything is forwarded.
 * Upstream learns the verified user and plan from `x-uigen-user-id` / `x-uigen-plan` (client copies stripped).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { computeEntitlements, planCovers } from '../billing/entitlements.ts';
import { PaymentsError } from '../errors.ts';
import type { MonetizedOperation } from '../spec/types.ts';
import type { ServerContext } from './context.ts';
import { createUpstreamClient, type UpstreamClient, type UpstreamResponse } from './upstream-client.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

export class PaymentRequiredError extends PaymentsError {
  constructor(op: MonetizedOperation) {
    super('payment_required', op.message ?? 'This feature requires a paid plan.', 402, {
      extra: { redirectTo: op.redirectTo ?? '/pricing' },
    });
  }
}

/** `/reports/{id}` → `/reports/:id` (Fastify syntax). */
export function toFastifyPath(template: string): string {
  return template.replace(/\{([^}/]+)\}/g, (_m, name: string) => `:${name.replace(/[^A-Za-z0-9_]/g, '_')}`);
}

function findOperation(
  monetized: MonetizedOperation[],
  method: string,
  template: string,
): MonetizedOperation | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return monetized.find((op) => op.path === template && op.method === m);
}

export async function gateRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  opts: { upstream: string; specPaths: string[]; timeoutMs?: number },
) {
  const upstream = new URL(opts.upstream);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const client = createUpstreamClient();
  app.addHook('onClose', async () => client.close());

  await app.register(async (scope) => {
    // Bodies are forwarded byte for byte.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );

    const seen = new Set<string>();
    for (const template of opts.specPaths) {
      if (template.startsWith('/api/payments') || template.startsWith('/webhooks/')) continue;
      const url = toFastifyPath(template);
      if (seen.has(url)) continue;
      seen.add(url);
      scope.route({
        method: [...METHODS],
        url,
        handler: (request, reply) => forward(ctx, client, request, reply, template, upstream, timeoutMs),
      });
    }
  });
}

async function forward(
  ctx: ServerContext,
  client: UpstreamClient,
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  upstream: URL,
  timeoutMs: number,
) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || k.startsWith('x-uigen-')) continue;
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  const op = findOperation(ctx.config.monetized, request.method, template);
  if (op) {
    const userId = await ctx.requireUser(request);
    const subs = await ctx.store.subscriptions.listByUser(userId);
    const ent = computeEntitlements(subs, ctx.config, ctx.now());
    if (!planCovers(ent.plans, op.plans)) {
      ctx.metrics.gateDecisions.inc({ decision: 'payment_required' });
      throw new PaymentRequiredError(op);
    }
    ctx.metrics.gateDecisions.inc({ decision: 'allowed' });
    headers['x-uigen-user-id'] = userId;
    headers['x-uigen-plan'] = ent.plan;
  } else {
    ctx.metrics.gateDecisions.inc({ decision: 'free' });
  }
  headers['x-request-id'] = request.id;

  const target = new URL(request.url, upstream);
  // Never let a crafted path escape to another origin.
  if (target.origin !== upstream.origin) throw new PaymentsError('invalid_request', 'invalid path', 400);
  const body =
    request.method === 'GET' || request.method === 'HEAD' ? undefined : (request.body as Buffer | undefined);
  let res: UpstreamResponse;
  try {
    res = await client.request(target, {
      method: request.method,
      headers,
      body: body && body.length > 0 ? body : undefined,
      timeoutMs,
    });
  } catch (err) {
    request.log.warn({ code: (err as { code?: string }).code }, 'upstream unreachable');
    throw new PaymentsError('upstream_unavailable', 'upstream service unavailable', 502);
  }
  reply.code(res.status);
  for (const [key, value] of Object.entries(res.headers)) {
    // The body is passed on byte for byte, so its content-encoding stays; framing is Fastify's own.
    if (value !== undefined && !HOP_BY_HOP.has(key)) reply.header(key, value);
  }
  return reply.send(res.body);
}
