/**
 * Customer notification templates. Plain text only: values are inserted verbatim, so nothing in a template
 * can turn into markup; the amount comes pre-formatted from the caller.
 */
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

/** `2900, 'usd'` → `29.00 USD`. Zero-decimal currencies (jpy, krw, …) have no minor unit. */
export function formatAmount(minor: number, currency: string): string {
  const zeroDecimal = ZERO_DECIMAL.has(currency.toLowerCase());
  const value = zeroDecimal ? String(minor) : (minor / 100).toFixed(2);
  return `${value} ${currency.toUpperCase()}`;
}

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
