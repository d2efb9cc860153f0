import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney } from '../../../../src/web/lib/format/money.ts';

describe('formatMoney', () => {
  it('treats zero-decimal currencies as whole units (500 jpy is ¥500, not ¥5.00)', () => {
    expect(formatMoney(500, 'jpy', 'en-US')).toBe('¥500');
    expect(formatMoney(12000, 'krw', 'en-US')).toBe('₩12,000');
  });

  it('divides two-decimal currencies by 100 and drops .00 on whole amounts', () => {
    expect(formatMoney(2900, 'usd', 'en-US')).toBe('$29');
    expect(formatMoney(2950, 'usd', 'en-US')).toBe('$29.50');
    expect(formatMoney(999, 'eur', 'de-DE')).toBe('9,99\u00a0€');
  });

  it('uses three decimals for three-decimal currencies', () => {
    expect(currencyExponent('kwd')).toBe(3);
    expect(formatMoney(1500, 'kwd', 'en-US')).toMatch(/KWD\s?1\.500/);
  });

  it('does not crash on an unknown currency code', () => {
    expect(formatMoney(1234, 'zzzz', 'en-US')).toBe('12.34 ZZZZ');
  });
});
