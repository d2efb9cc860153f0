/**
 * Hosted-page plumbing PayPal's approval and Square's payment-link emulators share (the form itself is the
 * core's card-page.ts). Card digits arrive in the form post and are reduced to an outcome + brand + last 4
 * before anything else.
 */
import type { FastifyReply } from 'fastify';
import { cardOutcome, cardSummary } from '../cards.ts';
import { esc, PAGE_HEADERS, page } from '../html.ts';
import type { CardOutcome } from '../types.ts';

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
