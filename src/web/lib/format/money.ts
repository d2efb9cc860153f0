/**
 * Money from minor units. The exponent comes from the provider's rules, not from a blanket "/100":
 * 500 JPY is ¥500, 2900 USD is $29, 1000 KWD (three decimals) is KWD 1.000.
 */

/** Currencies whose minor unit is the major unit (Stripe's list; PayPal and Square agree on these). */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** How many decimal places one major unit has in `currency` (ISO 4217, any case). */
export function currencyExponent(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: code.toUpperCase() }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/**
 * Formats an amount given in minor units. Whole amounts drop the decimals ($29, not $29.00) because that is
 * how prices read on a pricing page; anything else shows the currency's full precision ($29.50).
 */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const exponent = currencyExponent(currency);
  const major = minor / 10 ** exponent;
  const whole = Number.isInteger(major);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: whole ? 0 : exponent,
      maximumFractionDigits: exponent,
    }).format(major);
  } catch {
    // Unknown currency code: still show a number rather than crash the page.
    return `${major.toFixed(whole ? 0 : exponent)} ${currency.toUpperCase()}`;
  }
}
