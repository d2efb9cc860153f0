/**
 * ISO 4217 currency codes (lowercase, as providers take them) and their minor-unit exponents. Prices in the
 * spec are integers in minor units, so the exponent decides what `2900` means: $29.00, but ¥2900.
 */
const CODES =
  'aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob bov brl bsd btn bwp byn bzd cad ' +
  'cdf che chf chw clf clp cny cop cou crc cuc cup cve czk djf dkk dop dzd egp ern etb eur fjd fkp gbp gel ghs ' +
  'gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr iqd irr isk jmd jod jpy kes kgs khr kmf kpw krw kwd kyd kzt ' +
  'lak lbp lkr lrd lsl lyd mad mdl mga mkd mmk mnt mop mru mur mvr mwk mxn mxv myr mzn nad ngn nio nok npr nzd ' +
  'omr pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar sbd scr sdg sek sgd shp sle sll sos srd ssp stn svc ' +
  'syp szl thb tjs tmt tnd top try ttd twd tzs uah ugx usd usn uyi uyu uyw uzs ved ves vnd vuv wst xaf xcd xcg ' +
  'xof xpf yer zar zmw zwg zwl';

export const ISO_4217: ReadonlySet<string> = new Set(CODES.split(' '));

/** Currencies without minor units: the integer price is the whole amount (¥500 is `500`). */
export const ZERO_DECIMAL: ReadonlySet<string> = new Set(
  'bif clp djf gnf isk jpy kmf krw mga pyg rwf ugx uyi vnd vuv xaf xof xpf'.split(' '),
);

/** Three-decimal currencies: Stripe requires the last digit of the amount to be 0. */
export const THREE_DECIMAL: ReadonlySet<string> = new Set('bhd iqd jod kwd lyd omr tnd'.split(' '));

/** Digits after the decimal point for `currency` (2 for most). */
export function currencyExponent(currency: string): number {
  const c = currency.toLowerCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

/** Why `currency` is not acceptable, or undefined when it is. */
export function currencyProblem(currency: string): string | undefined {
  if (ISO_4217.has(currency)) return undefined;
  if (ISO_4217.has(currency.toLowerCase()))
    return `'${currency}' must be lowercase ('${currency.toLowerCase()}')`;
  return `'${currency}' is not an ISO 4217 currency code`;
}
