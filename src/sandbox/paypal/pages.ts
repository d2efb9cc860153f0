/** `/paypal/approve/:id`: the buyer's approval page for an order or a subscription, paid with a test card. */
import type { FastifyInstance } from 'fastify';
import { money } from '../../providers/paypal/paypal-objects.ts';
import { cardPage } from '../card-page.ts';
import type { SandboxContext } from '../types.ts';
import { activateSubscription, planCycles } from './billing.ts';
import type { PaypalEmit } from './events.ts';
import { CARD_ERRORS, messagePage, postedCard, sendPage, withParams } from './hosted.ts';
import { approveOrder } from './orders.ts';
import type { Json, PaypalState } from './state.ts';

export function pageRoutes(app: FastifyInstance, ctx: SandboxContext, state: PaypalState, emit: PaypalEmit) {
  function describe(id: string, error?: string): string | undefined {
    const order = state.orders.get(id);
    const sub = state.subscriptions.get(id);
    const urls = state.returns.get(id) ?? {};
    const base = { action: `/paypal/approve/${id}`, cancelUrl: urls.cancelUrl, error };
    if (order) {
      const unit = order.purchase_units[0] ?? {};
      const m = money(unit.amount);
      return cardPage({ ...base, title: String(unit.description ?? 'PayPal checkout'), ...m, every: '' });
    }
    if (sub) {
      const { regular } = planCycles(state.plans.get(sub.plan_id));
      const m = money(regular?.price);
      return cardPage({
        ...base,
        title: 'PayPal subscription',
        ...m,
        every: ` per ${regular?.count ?? 1} ${(regular?.unit ?? 'MONTH').toLowerCase()}`,
      });
    }
    return undefined;
  }

  app.get<{ Params: { id: string } }>('/paypal/approve/:id', async (req, reply) => {
    const html = describe(req.params.id);
    return html ? sendPage(reply, 200, html) : messagePage(reply, 404, 'Checkout not found');
  });

  app.post<{ Params: { id: string } }>('/paypal/approve/:id', async (req, reply) => {
    const { id } = req.params;
    const order = state.orders.get(id);
    const sub = state.subscriptions.get(id);
    if (!order && !sub) return messagePage(reply, 404, 'Checkout not found');
    const pending = order ? order.status === 'CREATED' : sub?.status === 'APPROVAL_PENDING';
    const returnUrl = state.returns.get(id)?.returnUrl;
    const params: Json = sub
      ? { subscription_id: id, ba_token: `BA-${id.slice(2)}`, token: id }
      : { token: id };
    const target = returnUrl ? withParams(returnUrl, params as Record<string, string>) : undefined;
    // A double-clicked button must not approve twice: an approved checkout just goes on to the return URL.
    if (!pending) return target ? reply.redirect(target, 303) : messagePage(reply, 200, 'Already approved');
    const card = postedCard(req.body);
    const err = CARD_ERRORS[card.outcome];
    if (err) return sendPage(reply, err[0], describe(id, err[1]) ?? '');
    if (order) approveOrder(order, ctx, emit);
    if (sub) {
      if (card.outcome === 'fail_on_renewal') state.failRenewal.add(sub.id);
      activateSubscription(sub, state, ctx, emit);
    }
    return target ? reply.redirect(target, 303) : messagePage(reply, 200, 'Approved');
  });
}
