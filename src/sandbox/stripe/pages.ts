/**
 * Hosted pages: `/checkout/:id` (pick a test card, pay) and `/portal/:id` (see and cancel the subscription).
 * Card digits arrive in the form post and are reduced to an outcome + brand + last 4 before anything else.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { cardPage } from '../card-page.ts';
import { cardOutcome, cardSummary } from '../cards.ts';
import { esc, formatAmount, PAGE_HEADERS, page } from '../html.ts';
import type { SandboxContext } from '../types.ts';
import { completeCheckout, declineCheckout } from './checkout.ts';
import type { EmitFn } from './events.ts';
import { parseStripeForm } from './form.ts';
import { setCancelAtPeriodEnd } from './lifecycle.ts';
import type { CheckoutSession, StripeState } from './state.ts';

function send(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).headers(PAGE_HEADERS).send(html);
}

function checkoutForm(s: CheckoutSession, state: StripeState, error?: string): string {
  const r = state.sessionPrices.get(s.id)?.recurring;
  const every = r ? ` per ${r.interval_count > 1 ? `${r.interval_count} ${r.interval}s` : r.interval}` : '';
  return cardPage({
    title: state.sessionPrices.get(s.id)?.nickname ?? 'Checkout',
    amount: s.amount_total,
    currency: s.currency,
    every,
    action: `/checkout/${s.id}/pay`,
    cancelUrl: s.cancel_url,
    error,
  });
}

function successTarget(s: CheckoutSession): string | null {
  return s.success_url ? s.success_url.replaceAll('{CHECKOUT_SESSION_ID}', s.id) : null;
}

export function pageRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
  state: StripeState,
  emit: EmitFn,
): void {
  const nowSec = () => Math.floor(ctx.clock.now() / 1000);

  app.get<{ Params: { id: string } }>('/checkout/:id', async (req, reply) => {
    const s = state.sessions.get(req.params.id);
    if (!s) return send(reply, 404, page('Not found', '<h1>Checkout not found</h1>'));
    if (s.status === 'complete')
      return send(reply, 200, page('Paid', '<h1>This checkout is already paid.</h1>'));
    if (s.status === 'expired' || s.expires_at <= nowSec())
      return send(reply, 410, page('Expired', '<h1>This checkout has expired.</h1>'));
    return send(reply, 200, checkoutForm(s, state));
  });

  app.post<{ Params: { id: string } }>('/checkout/:id/pay', async (req, reply) => {
    const s = state.sessions.get(req.params.id);
    if (!s) return send(reply, 404, page('Not found', '<h1>Checkout not found</h1>'));
    const target = successTarget(s);
    // A double-clicked Pay button must not charge twice: a completed session just goes on to success.
    if (s.status === 'complete')
      return target ? reply.redirect(target, 303) : send(reply, 200, page('Paid', '<h1>Paid.</h1>'));
    if (s.status !== 'open' || s.expires_at <= nowSec())
      return send(reply, 410, page('Expired', '<h1>This checkout has expired.</h1>'));
    const raw = typeof req.body === 'string' ? parseStripeForm(req.body).card : undefined;
    const number = typeof raw === 'string' ? raw : '';
    const outcome = cardOutcome(number);
    const card = cardSummary(number);
    if (outcome === 'invalid')
      return send(
        reply,
        400,
        checkoutForm(s, state, 'That is not one of the sandbox test cards. Use one from the list below.'),
      );
    if (outcome === 'decline') {
      declineCheckout(s, card, emit, nowSec());
      return send(reply, 402, checkoutForm(s, state, 'Your card was declined. Try another card.'));
    }
    completeCheckout(state, s, card, outcome === 'fail_on_renewal', emit, nowSec());
    return target
      ? reply.redirect(target, 303)
      : send(reply, 200, page('Paid', '<h1>Payment complete.</h1>'));
  });

  app.get<{ Params: { id: string } }>('/portal/:id', async (req, reply) => {
    const p = state.portals.get(req.params.id);
    if (!p) return send(reply, 404, page('Not found', '<h1>Portal session not found</h1>'));
    const subs = [...state.subscriptions.values()].filter((s) => s.customer === p.customer);
    const pm = state.customers.get(p.customer)?.invoice_settings.default_payment_method;
    const card = pm ? state.paymentMethods.get(pm)?.card : undefined;
    const rows = subs
      .map((s) => {
        const item = s.items.data[0];
        const end = new Date(item.current_period_end * 1000).toISOString().slice(0, 10);
        const state =
          s.status === 'canceled'
            ? 'Canceled'
            : s.cancel_at_period_end
              ? `Cancels on ${end}`
              : `Renews on ${end}`;
        const cancel =
          s.status !== 'canceled' && !s.cancel_at_period_end
            ? `<form method="post" action="/portal/${esc(p.id)}/cancel"><input type="hidden" name="subscription" value="${esc(s.id)}"><button type="submit">Cancel subscription</button></form>`
            : '';
        return `<li><strong>${esc(item.price.nickname)}</strong> — ${esc(formatAmount(item.price.unit_amount, item.price.currency))} — status: ${esc(s.status)} — ${esc(state)}${cancel}</li>`;
      })
      .join('');
    return send(
      reply,
      200,
      page(
        'Billing portal',
        `<h1>Your subscription</h1><ul>${rows || '<li>No subscriptions.</li>'}</ul>
${card ? `<p>Payment method: ${esc(card.brand)} ending in ${esc(card.last4)}</p>` : ''}
${p.return_url ? `<p><a href="${esc(p.return_url)}">Return to the app</a></p>` : ''}`,
      ),
    );
  });

  app.post<{ Params: { id: string } }>('/portal/:id/cancel', async (req, reply) => {
    const p = state.portals.get(req.params.id);
    if (!p) return send(reply, 404, page('Not found', '<h1>Portal session not found</h1>'));
    const subId = typeof req.body === 'string' ? parseStripeForm(req.body).subscription : undefined;
    const sub = typeof subId === 'string' ? state.subscriptions.get(subId) : undefined;
    // The portal session is scoped to one customer: another customer's subscription id is just "not found".
    if (!sub || sub.customer !== p.customer)
      return send(reply, 404, page('Not found', '<h1>Subscription not found</h1>'));
    if (sub.status !== 'canceled') setCancelAtPeriodEnd(sub, true, emit, nowSec());
    return reply.redirect(`/portal/${p.id}`, 303);
  });
}
