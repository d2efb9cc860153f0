/**
 * The hosted "pay with a test card" form every emulator shows (Stripe Checkout, PayPal approval, Square
 * payment link): amount, a labelled card field pre-filled with the success card, the test-card list, Pay,
 * and a way back. Plain HTML: no script.
 */
import { TEST_CARDS } from './cards.ts';
import { esc, formatAmount, page } from './html.ts';

export interface CardPage {
  title: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** e.g. " per month"; empty for one-time. */
  every: string;
  /** Where the form posts (the emulator's pay route). */
  action: string;
  cancelUrl?: string | null;
  /** Shown as an alert above the form (decline, unknown card). */
  error?: string;
}

export function cardPage(p: CardPage): string {
  const cards = TEST_CARDS.map((c) => `<li><code>${esc(c.number)}</code> ${esc(c.label)}</li>`).join('');
  return page(
    `Pay ${p.title}`,
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
