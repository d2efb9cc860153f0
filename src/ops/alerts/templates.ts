/**
 * Customer notification templates. Plain text only: values are inserted verbatim, so nothing in a template
 * can turn into markup; the amount comes pre-formatted from the caller.
 */
import { currencyExponent } from '../../web/lib/format/money.ts';
import type { CustomerTemplate } from './types.ts';

interface Rendered {
  subject: string;
  text: string;
}

const TEMPLATES: Record<CustomerTemplate, (v: Record<string, string>) => Rendered> = {
  payment_failed: (v) => ({
    subject: 'Your payment could not be processed',
    text: [
      'Hello,',
      '',
      `We could not collect your payment${v.amount ? ` of ${v.amount}` : ''}.`,
      'Please update your payment method to keep your subscription active.',
      ...(v.billingUrl ? ['', `Manage billing: ${v.billingUrl}`] : []),
      '',
      'If you did not expect this message, you can ignore it.',
    ].join('\n'),
  }),
};

export function renderTemplate(template: CustomerTemplate, vars: Record<string, string>): Rendered {
  return TEMPLATES[template](vars);
}

/** `2900, 'usd'` → `29.00 USD`; `500, 'jpy'` → `500 JPY`; `1000, 'kwd'` → `1.000 KWD` (one exponent table). */
export function formatAmount(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  return `${(minor / 10 ** exp).toFixed(exp)} ${currency.toUpperCase()}`;
}
