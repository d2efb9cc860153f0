/** `/square/pay/:id`: the hosted payment-link page, paid with a sandbox test card. */
import type { FastifyInstance } from 'fastify';
import { cardPage } from '../card-page.ts';
import { CARD_ERRORS, messagePage, postedCard, sendPage, withParams } from '../paypal/hosted.ts';
import type { SandboxContext } from '../types.ts';
import { payLink } from './billing.ts';
import type { SquareEmit } from './events.ts';
import type { Json, SquareState } from './state.ts';

export function pageRoutes(app: FastifyInstance, ctx: SandboxContext, state: SquareState, emit: SquareEmit) {
  function form(link: Json, error?: string): string {
    const order = state.orders.get(String(link.order_id)) ?? {};
    const total = (order.total_money ?? {}) as Json;
    const item = (Array.isArray(order.line_items) ? order.line_items[0] : {}) as Json;
    const sub = (link.checkout_options as Json | undefined)?.subscription_plan_id;
    return cardPage({
      title: String(item?.name ?? 'Square checkout'),
      amount: Number(total.amount ?? 0),
      currency: String(total.currency ?? 'USD'),
      every: sub ? ' per month' : '',
      action: `/square/pay/${String(link.id)}`,
      error,
    });
  }

  app.get<{ Params: { id: string } }>('/square/pay/:id', async (req, reply) => {
    const link = state.links.get(req.params.id);
    if (!link) return messagePage(reply, 404, 'Payment link not found');
    if (state.orders.get(String(link.order_id))?.state === 'COMPLETED')
      return messagePage(reply, 200, 'This order is already paid.');
    return sendPage(reply, 200, form(link));
  });

  app.post<{ Params: { id: string } }>('/square/pay/:id', async (req, reply) => {
    const link = state.links.get(req.params.id);
    if (!link) return messagePage(reply, 404, 'Payment link not found');
    const order = state.orders.get(String(link.order_id));
    const redirect = (link.checkout_options as Json | undefined)?.redirect_url;
    const back = (paymentId: string) =>
      typeof redirect === 'string'
        ? withParams(redirect, {
            checkoutId: String(link.id),
            orderId: String(link.order_id),
            transactionId: paymentId,
          })
        : undefined;
    // A double-clicked Pay button must not charge twice.
    if (order?.state === 'COMPLETED') {
      const target = back('');
      return target ? reply.redirect(target, 303) : messagePage(reply, 200, 'Paid');
    }
    const card = postedCard(req.body);
    const err = CARD_ERRORS[card.outcome];
    if (err) return sendPage(reply, err[0], form(link, err[1]));
    const payment = payLink(
      link,
      { ...card, failOnRenewal: card.outcome === 'fail_on_renewal' },
      state,
      ctx,
      emit,
    );
    const target = back(String(payment.id));
    return target ? reply.redirect(target, 303) : messagePage(reply, 200, 'Payment complete');
  });
}
