/**
 * A scripted stand-in for the payments server, for browser tests of page states: serves the built UI
 * (dist/web) like server/web.ts does and answers the HTTP contract from in-memory state. It also has a tiny
 * hosted "checkout" and "portal" on its own origin (listed in checkoutOrigins, as the sandbox is), so the
 * subscribe flow can run end to end. The real server + sandbox flow is covered by the server's e2e tests.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { PaymentStatus, PublicConfig } from '../../../src/web/lib/api/types.ts';
import { me, publicConfig, subscription } from './fixtures.ts';

const UI_ROUTES = [
  '/',
  '/pricing',
  '/payment/success',
  '/payment/cancel',
  '/account/billing',
  '/signin',
  '/demo',
];

interface Session {
  id: string;
  userId: string;
  productId: string;
  status: 'open' | 'complete' | 'expired';
}

export interface FakeApi {
  url: string;
  config: PublicConfig;
  users: Array<{ id: string; name: string }>;
  /** Script a user's `/me`. */
  setStatus(userId: string, status: PaymentStatus): void;
  /** A bearer token for `userId` (what /api/dev/session would return). */
  tokenFor(userId: string): string;
  /** Delay for GET /api/payments/config, to observe loading states. */
  configDelayMs: number;
  /** Checkout sessions created so far. */
  sessions: Map<string, Session>;
  close(): Promise<void>;
}

function b64url(s: string) {
  return Buffer.from(s).toString('base64url');
}

function sendError(reply: FastifyReply, status: number, code: string, message: string, extra: object = {}) {
  return reply
    .code(status)
    .send({ error: { code, message, requestId: `req_${randomBytes(4).toString('hex')}`, ...extra } });
}

export async function startFakeApi(webDir: string): Promise<FakeApi> {
  const app = Fastify();
  // The fake checkout's "Pay now" is a plain HTML form post.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, _body, done) =>
    done(null, {}),
  );
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const tokens = new Map<string, string>();
  const statuses = new Map<string, PaymentStatus>();
  const sessions = new Map<string, Session>();
  const users = [
    { id: 'u_alice', name: 'Alice' },
    { id: 'u_bob', name: 'Bob' },
    { id: 'u_carol', name: 'Carol' },
  ];
  const config = publicConfig({ checkoutOrigins: [] });
  const fake: FakeApi = {
    url: '',
    config,
    users,
    configDelayMs: 0,
    sessions,
    setStatus: (userId, status) => statuses.set(userId, status),
    tokenFor(userId) {
      const token = `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify({ sub: userId }))}.${randomBytes(8).toString('hex')}`;
      tokens.set(token, userId);
      return token;
    },
    close: () => app.close(),
  };

  const user = (req: FastifyRequest) => tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const statusOf = (userId: string) => statuses.get(userId) ?? me({ userId });

  await app.register(fastifyStatic, { root: join(webDir, 'assets'), prefix: '/assets/' });
  for (const route of UI_ROUTES) app.get(route, (_req, reply) => reply.type('text/html').send(html));

  app.get('/api/payments/config', async () => {
    await new Promise((r) => setTimeout(r, fake.configDelayMs));
    return config;
  });
  app.get('/api/dev/users', async () => ({ users }));
  app.post<{ Body: { userId: string } }>('/api/dev/session', async (req, reply) => {
    if (!users.some((u) => u.id === req.body?.userId))
      return sendError(reply, 400, 'invalid_request', 'unknown demo user');
    return { token: fake.tokenFor(req.body.userId) };
  });

  app.get('/api/payments/me', async (req, reply) => {
    const id = user(req);
    return id ? statusOf(id) : sendError(reply, 401, 'unauthorized', 'authentication required');
  });
  app.post<{ Body: { productId: string } }>('/api/payments/checkout', async (req, reply) => {
    const id = user(req);
    if (!id) return sendError(reply, 401, 'unauthorized', 'authentication required');
    const product = config.products.find((p) => p.id === req.body?.productId);
    if (!product || typeof product.price !== 'number' || product.price === 0) {
      return sendError(reply, 400, 'unknown_product', 'unknown product');
    }
    const session: Session = {
      id: `cs_test_${randomBytes(6).toString('hex')}`,
      userId: id,
      productId: product.id,
      status: 'open',
    };
    sessions.set(session.id, session);
    return { url: `${fake.url}/fake-checkout/${session.id}`, sessionId: session.id };
  });
  app.get<{ Params: { id: string } }>('/api/payments/checkout/:id', async (req, reply) => {
    const session = sessions.get(req.params.id);
    if (!session || session.userId !== user(req)) return sendError(reply, 404, 'not_found', 'not found');
    const product = config.products.find((p) => p.id === session.productId);
    return {
      sessionId: session.id,
      status: session.status,
      paymentStatus: session.status === 'complete' ? 'paid' : 'unpaid',
      productId: session.productId,
      plan: product?.plan,
    };
  });
  app.post<{ Params: { id: string } }>('/api/payments/subscriptions/:id/cancel', async (req, reply) => {
    const id = user(req);
    const sub = id ? statusOf(id).subscriptions.find((s) => s.id === req.params.id) : undefined;
    if (!sub) return sendError(reply, 403, 'forbidden', 'access denied');
    sub.cancelAtPeriodEnd = true;
    return sub;
  });
  app.post('/api/payments/portal', async (req, reply) =>
    user(req)
      ? { url: `${fake.url}/fake-portal` }
      : sendError(reply, 401, 'unauthorized', 'authentication required'),
  );
  app.get('/reports/42', async (req, reply) => {
    const id = user(req);
    if (!id) return sendError(reply, 401, 'unauthorized', 'authentication required');
    if (statusOf(id).plan === 'free') {
      return sendError(reply, 402, 'payment_required', 'Reports are part of the Pro plan.', {
        redirectTo: '/pricing',
      });
    }
    return { id: 42, title: 'Quarterly revenue', total: 12900 };
  });

  // Hosted pages on the "provider" origin: a pay button, and the webhook's effect a moment later.
  app.get<{ Params: { id: string } }>('/fake-checkout/:id', async (req, reply) =>
    reply
      .type('text/html')
      .send(
        `<!doctype html><html lang="en"><title>Fake checkout</title><main><h1>Fake hosted checkout</h1><form method="post" action="/fake-checkout/${req.params.id}/pay"><button>Pay now</button></form></main></html>`,
      ),
  );
  app.post<{ Params: { id: string } }>('/fake-checkout/:id/pay', async (req, reply) => {
    const session = sessions.get(req.params.id);
    if (!session) return reply.code(404).send('no such session');
    session.status = 'complete';
    const product = config.products.find((p) => p.id === session.productId)!;
    // The webhook lands after the redirect: the success page must poll /me until the plan shows up.
    setTimeout(() => {
      statuses.set(
        session.userId,
        me({
          userId: session.userId,
          plan: product.plan ?? 'pro',
          entitlements: [product.plan ?? 'pro'],
          subscriptions: [
            subscription({
              id: `sub_${session.id}`,
              productId: product.id,
              plan: product.plan ?? 'pro',
              status: product.trialDays ? 'trialing' : 'active',
            }),
          ],
          paymentMethod: { brand: 'visa', last4: '4242' },
        }),
      );
    }, 1200);
    return reply.redirect(`/payment/success?session_id=${session.id}`, 303);
  });
  app.get('/fake-portal', async (_req, reply) =>
    reply
      .type('text/html')
      .send('<!doctype html><html lang="en"><title>Fake portal</title><h1>Fake billing portal</h1></html>'),
  );

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  fake.url = `http://127.0.0.1:${port}`;
  config.checkoutOrigins = [fake.url];
  return fake;
}
