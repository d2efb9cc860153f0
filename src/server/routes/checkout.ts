/**
 * POST /api/payments/checkout and GET /api/payments/checkout/:sessionId.
 * The browser names a product — never a price, never a redirect URL. Success/cancel URLs come from config.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Product, ProviderName } from '../../spec/types.ts';
import type { ServerContext } from '../context.ts';

const CheckoutBody = z
  .object({
    productId: z.string().min(1).max(100),
    provider: z.enum(['stripe', 'paypal', 'square']).optional(),
  })
  .strict();

/** Same user + product within this window reuses one provider idempotency key (double clicks, retries). */
const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

function idempotencyKey(userId: string, productId: string, provider: string, now: number): string {
  const bucket = Math.floor(now / IDEMPOTENCY_WINDOW_MS);
  const h = createHash('sha256').update(`${userId}\0${productId}\0${provider}\0${bucket}`).digest('hex');
  return `uigen-checkout-${h.slice(0, 40)}`;
}

function pickProvider(ctx: ServerContext, requested?: ProviderName): ProviderName {
  if (requested) {
    if (!ctx.providers.has(requested)) throw new ValidationError(`provider '${requested}' is not configured`, 'unknown_provider');
    return requested;
  }
  const first = ctx.config.providers[0]?.provider;
  if (!first || !ctx.providers.has(first)) throw new ValidationError('no payment provider configured', 'unknown_provider');
  return first;
}

function checkoutableProduct(ctx: ServerContext, productId: string): Product {
  const product = ctx.config.products.find((p) => p.id === productId);
  if (!product) throw new ValidationError('unknown product', 'unknown_product');
  if (product.price === 'custom') throw new ValidationError('this plan is sold by contact, not checkout', 'contact_sales');
  if (product.price === 0) throw new ValidationError('the free plan needs no checkout', 'free_product');
  return product;
}

export async function checkoutRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.post('/api/payments/checkout', async (request, reply) => {
    const userId = await ctx.requireUser(request);
    await ctx.rateLimiter.consume('checkout', userId, ctx.config.rateLimit.checkoutPerMinute);
    const parsed = CheckoutBody.safeParse(request.body ?? {});
    if (!parsed.success) {
      throw new ValidationError('expected {productId, provider?} and nothing else');
    }
    const product = checkoutableProduct(ctx, parsed.data.productId);
    const providerName = pickProvider(ctx, parsed.data.provider);
    const provider = ctx.providers.get(providerName)!;
    await ctx.checkoutGuard?.check(userId, request.ip);

    const subs = await ctx.store.subscriptions.listByUser(userId);
    const live = subs.find(
      (s) => s.productId === product.id && (s.status === 'active' || s.status === 'trialing' || s.status === 'past_due'),
    );
    if (live) throw new ConflictError('already_subscribed', 'you already have this subscription');

    const now = ctx.now();
    const profile = (await ctx.store.customers.findByUser(userId)).find((p) => p.provider === providerName);
    const recent = await ctx.store.checkouts.findRecentOpen(userId, product.id, now - IDEMPOTENCY_WINDOW_MS);
    const key =
      recent && recent.provider === providerName ? recent.idempotencyKey : idempotencyKey(userId, product.id, providerName, now);

    const session = await provider.createCheckout({
      userId,
      product,
      successUrl: ctx.config.successUrl,
      cancelUrl: ctx.config.cancelUrl,
      idempotencyKey: key,
      customerId: profile?.customerId ?? undefined,
    });

    const existing = await ctx.store.checkouts.getByProviderSession(providerName, session.sessionId);
    if (!existing) {
      await ctx.store.checkouts.create({
        id: `co_${randomUUID().replace(/-/g, '')}`,
        userId,
        productId: product.id,
        provider: providerName,
        providerSessionId: session.sessionId,
        url: session.url,
        idempotencyKey: key,
        status: 'open',
        createdAt: now,
      });
      ctx.metrics.checkoutSessionsCreated.inc({ provider: providerName });
      await ctx.recordAction(request, 'checkout.created', userId, { productId: product.id, provider: providerName });
    }
    reply.code(200).send({ url: session.url, sessionId: session.sessionId });
  });

  app.get<{ Params: { sessionId: string } }>('/api/payments/checkout/:sessionId', async (request) => {
    const userId = await ctx.requireUser(request);
    const { sessionId } = request.params;
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(sessionId)) throw new NotFoundError('checkout session not found');
    // The success page gets the provider's session id (the provider fills {CHECKOUT_SESSION_ID}).
    let record = await ctx.store.checkouts.findBySessionId(sessionId);
    for (const name of ctx.providers.keys()) {
      if (record) break;
      record = await ctx.store.checkouts.getByProviderSession(name, sessionId);
    }
    // Someone else's session is indistinguishable from a missing one.
    if (!record || record.userId !== userId) throw new NotFoundError('checkout session not found');
    let status = record.status;
    let paymentStatus: string = status === 'complete' ? 'paid' : 'unpaid';
    if (status === 'open') {
      const provider = ctx.providers.get(record.provider);
      if (provider) {
        const fresh = await provider.getCheckout(record.providerSessionId);
        // Only our own mapping decides ownership; the provider must agree on the user when it reports one.
        if (fresh.userId && fresh.userId !== userId) throw new NotFoundError('checkout session not found');
        status = fresh.status;
        paymentStatus = fresh.paymentStatus;
        if (status !== 'open') await ctx.store.checkouts.setStatus(record.provider, record.providerSessionId, status, ctx.now());
      }
    }
    const product = ctx.config.products.find((p) => p.id === record.productId);
    return { sessionId, status, paymentStatus, productId: record.productId, plan: product?.plan ?? null, provider: record.provider };
  });
}
