/**
 * The caller's billing state: GET /me, GET /subscriptions/:id, POST /subscriptions/:id/cancel, POST /portal.
 * Ownership is checked on every object: another user's subscription is 403 with none of its data.
 */
import type { FastifyInstance } from 'fastify';
import { computeEntitlements } from '../../billing/entitlements.ts';
import { ForbiddenError, NotFoundError, PaymentsError, ValidationError } from '../../errors.ts';
import type { SubscriptionRecord } from '../../store/types.ts';
import type { ServerContext } from '../context.ts';

export function publicSubscription(s: SubscriptionRecord) {
  return {
    id: s.id,
    provider: s.provider,
    productId: s.productId,
    plan: s.plan,
    status: s.status,
    currentPeriodEnd: s.currentPeriodEnd,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
  };
}

async function ownSubscription(ctx: ServerContext, userId: string, id: string): Promise<SubscriptionRecord> {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new NotFoundError('subscription not found');
  const sub = await ctx.store.subscriptions.get(id);
  if (!sub) throw new NotFoundError('subscription not found');
  if (sub.userId !== userId) throw new ForbiddenError('access denied');
  return sub;
}

export async function accountRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get('/api/payments/me', async (request) => {
    const userId = await ctx.requireUser(request);
    const [subs, profiles] = await Promise.all([
      ctx.store.subscriptions.listByUser(userId),
      ctx.store.customers.findByUser(userId),
    ]);
    const ent = computeEntitlements(subs, ctx.config, ctx.now());
    const card = profiles.find((p) => p.cardLast4);
    return {
      userId,
      plan: ent.plan,
      entitlements: ent.entitlements,
      subscriptions: subs.map(publicSubscription),
      paymentMethod: card ? { brand: card.cardBrand, last4: card.cardLast4 } : null,
    };
  });

  app.get<{ Params: { id: string } }>('/api/payments/subscriptions/:id', async (request) => {
    const userId = await ctx.requireUser(request);
    return publicSubscription(await ownSubscription(ctx, userId, request.params.id));
  });

  app.post<{ Params: { id: string } }>('/api/payments/subscriptions/:id/cancel', async (request) => {
    const userId = await ctx.requireUser(request);
    await ctx.rateLimiter.consume('cancel', userId, 10);
    const sub = await ownSubscription(ctx, userId, request.params.id);
    if (sub.status === 'canceled') return publicSubscription(sub);
    const provider = ctx.providers.get(sub.provider);
    if (!provider) throw new PaymentsError('provider_unavailable', 'payment provider not configured', 503);
    const atPeriodEnd = provider.capabilities.cancelAtPeriodEnd;
    const snap = await provider.cancelSubscription(sub.providerSubscriptionId, {
      atPeriodEnd,
      idempotencyKey: `uigen-cancel-${sub.id}`,
    });
    const now = ctx.now();
    await ctx.store.subscriptions.applySnapshot({
      userId,
      provider: sub.provider,
      providerSubscriptionId: sub.providerSubscriptionId,
      productId: sub.productId,
      plan: sub.plan,
      status: snap.status,
      currentPeriodEnd: snap.currentPeriodEnd ?? sub.currentPeriodEnd,
      cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
      // The provider's own object time orders this against webhooks that may still be in flight.
      version: Math.max(snap.version, sub.version + 1),
      now,
    });
    await ctx.recordAction(request, 'subscription.cancel', userId, { subscriptionId: sub.id, atPeriodEnd });
    return publicSubscription((await ctx.store.subscriptions.get(sub.id))!);
  });

  app.post('/api/payments/portal', async (request) => {
    const userId = await ctx.requireUser(request);
    await ctx.rateLimiter.consume('portal', userId, 10);
    const profiles = await ctx.store.customers.findByUser(userId);
    const profile = profiles.find((p) => p.customerId && ctx.providers.get(p.provider)?.capabilities.portal);
    if (!profile?.customerId) {
      throw new ValidationError('no billing account with a customer portal for this user', 'portal_unavailable');
    }
    const returnUrl = new URL('/account/billing', ctx.config.successUrl).toString();
    const { url } = await ctx.providers.get(profile.provider)!.createPortal(profile.customerId, returnUrl);
    await ctx.recordAction(request, 'portal.opened', userId, { provider: profile.provider });
    return { url };
  });
}
