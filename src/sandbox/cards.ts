/**
 * Test cards. Callers get an outcome plus brand and last 4; the digits themselves are dropped here and never
 * stored or logged.
 */
import type { CardOutcome } from './types.ts';

/** Stripe's documented test numbers; other providers' hosted pages reuse the same list. */
export const TEST_CARDS: ReadonlyArray<{ number: string; outcome: CardOutcome; label: string }> = [
  { number: '4242 4242 4242 4242', outcome: 'success', label: 'succeeds' },
  { number: '4000 0000 0000 0002', outcome: 'decline', label: 'is declined' },
  { number: '4000 0000 0000 0341', outcome: 'fail_on_renewal', label: 'attaches, then fails on renewal' },
];

const OUTCOMES = new Map(TEST_CARDS.map((c) => [c.number.replace(/ /g, ''), c.outcome]));

function digitsOf(cardNumber: string): string {
  return cardNumber.replace(/[\s-]/g, '');
}

export function cardOutcome(cardNumber: string): CardOutcome {
  return OUTCOMES.get(digitsOf(cardNumber)) ?? 'invalid';
}

/** What may be kept about a card: its brand and last 4 digits. */
export function cardSummary(cardNumber: string): { brand: string; last4: string } {
  const digits = digitsOf(cardNumber);
  const brand = digits.startsWith('4')
    ? 'visa'
    : /^(5[1-5]|2[2-7])/.test(digits)
      ? 'mastercard'
      : /^3[47]/.test(digits)
        ? 'amex'
        : 'unknown';
  return { brand, last4: digits.slice(-4) };
}
