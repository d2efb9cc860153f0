/**
 * The hosted "pay with a test card" page PayPal's approval and Square's payment-link emulators share. Card
 * digits arrive in the form post and are reduced to an outcome + brand + last 4 before anything else.
 */
import type { FastifyReply } from 'fastify';
import { cardOutcome, cardSummary, TEST_CARDS } from '../cards.ts';
import { esc, formatAmount, PAGE_HEADERS, page } from '../html.ts';
import type { CardOutcome } from '../types.ts';

export interface CardPage {
  title: string;
  amount: number;
  currency: string;
  /** e.g. " per month"; empty for one-time. */
  every: string;
  action: string;
  cancelUrl?: string;
  error?: string;
}

export function cardPage(p: CardPage): string {
  const cards = TEST_CARDS.map((c) => `<li><code>${esc(c.number)}</code> ${esc(c.label)}</li>`).join('');
  return page(
    p.title,
    `<h1>${esc(p.title)}</h1>
<p class="amount">${esc(formatAmount(p.amount, p.currency))}<span>${esc(p.every)}</span></p>
${p.error ? `<p class="error" role="alert">${esc(p.error)}</p>` : ''}
<form method="post" action="${esc(p.action)}">
<label for="card">Card number</label>
<input id="card" name="card" inputmode="numeric" autocomplete="off" value="4242 4242 4242 4242" aria-describedby="cards">
<button type="submit">Pay</button>
</form>
<section id="cards"><h2>Test cards</h2><ul>${cards}</ul></section>
${p.cancelUrl ? `<p><a href="${esc(p.cancelUrl)}">Cancel and return</a></p>` : ''}`,
  );
}

export function sendPage(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).headers(PAGE_HEADERS).send(html);
}

export function messagePage(reply: FastifyReply, status: number, title: string) {
  return sendPage(reply, status, page(title, `<h1>${esc(title)}</h1>`));
}

/** Reads the posted card and forgets the digits. */
export function postedCard(body: unknown): { outcome: CardOutcome; brand: string; last4: string } {
  const raw = typeof body === 'string' ? new URLSearchParams(body).get('card') : undefined;
  const number = raw ?? '';
  return { outcome: cardOutcome(number), ...cardSummary(number) };
}

export const CARD_ERRORS: Partial<Record<CardOutcome, [number, string]>> = {
  invalid: [400, 'That is not one of the sandbox test cards. Use one from the list below.'],
  decline: [402, 'Your card was declined. Try another card.'],
};

/** Appends query parameters the way the provider does on its return redirect. */
export function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

export const INTERVAL_MS = {
  DAY: 86_400_000,
  WEEK: 7 * 86_400_000,
  MONTH: 30 * 86_400_000,
  YEAR: 365 * 86_400_000,
} as const;
