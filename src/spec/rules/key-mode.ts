/**
 * Resolved key values against the provider mode: a test key in live mode (or the reverse) is a
 * misconfiguration that either takes no real money or takes real money in a test deployment. Only the
 * key's kind (its prefix) is ever printed.
 */
import { join } from '../pointer.ts';
import { looksLikeSecret } from '../secret-patterns.ts';
import type { Mode, ProviderName } from '../types.ts';
import type { RuleContext } from './context.ts';
import { splitSecrets } from './fields.ts';

/** What one Stripe key field must hold, and the mistake that field attracts. */
interface StripeKeyRule {
  field: 'apiKey' | 'publishableKey';
  /** Right kind; group 1 is the key's mode. */
  pattern: RegExp;
  /** The wrong kind of key, reported with its own code. */
  wrongKind: (value: string) => boolean;
  wrongCode: string;
  wrongMessage: string;
  expected: string;
}

const STRIPE_KEYS: readonly StripeKeyRule[] = [
  {
    field: 'apiKey',
    pattern: /^(?:sk|rk)_(test|live)_/,
    wrongKind: (v) => v.startsWith('pk_'),
    wrongCode: 'E_PUBLISHABLE_AS_SECRET',
    wrongMessage: 'holds a publishable key (pk_…); the secret key (sk_…) belongs here',
    expected: 'a Stripe secret key (sk_test_… or sk_live_…)',
  },
  {
    field: 'publishableKey',
    pattern: /^pk_(test|live)_/,
    wrongKind: (v) => /^(?:sk|rk)_|^whsec_/.test(v) || looksLikeSecret(v),
    wrongCode: 'E_SECRET_AS_PUBLISHABLE',
    wrongMessage: 'holds a secret key; it would be sent to browsers. Use the pk_… key',
    expected: 'a Stripe publishable key (pk_test_… or pk_live_…)',
  },
];

/** Returns false when it reported an error. `values` holds the resolved fields that resolved. */
export function checkKeyModes(
  ctx: RuleContext,
  name: ProviderName,
  mode: Mode,
  values: Record<string, string>,
  p: string,
): boolean {
  const errorsBefore = ctx.report.errorCount;
  const mismatch = (field: string, keyMode: string, kind: string) => {
    if (keyMode !== mode) {
      ctx.report.error(
        'E_KEY_MODE_MISMATCH',
        join(p, field),
        `holds a ${keyMode}-mode ${kind} but the provider mode is ${mode}`,
      );
    }
  };
  if (name === 'stripe') {
    for (const rule of STRIPE_KEYS) {
      const value = values[rule.field];
      if (value === undefined) continue;
      const m = rule.pattern.exec(value);
      if (rule.wrongKind(value)) ctx.report.error(rule.wrongCode, join(p, rule.field), rule.wrongMessage);
      else if (m) mismatch(rule.field, m[1], `key (${m[0]}…)`);
      else ctx.report.error('E_KEY_FORMAT', join(p, rule.field), `does not look like ${rule.expected}`);
    }
    const secrets = values.webhookSecret;
    if (secrets !== undefined && !splitSecrets(secrets).every((s) => s.startsWith('whsec_'))) {
      ctx.report.error(
        'E_WEBHOOK_SECRET_FORMAT',
        join(p, 'webhookSecret'),
        'must be Stripe signing secret(s) starting with whsec_',
      );
    }
  }
  if (name === 'square' && values.applicationId !== undefined) {
    // Square sandbox application ids are `sandbox-sq0idb-…`; production ones have no prefix.
    mismatch(
      'applicationId',
      values.applicationId.startsWith('sandbox-') ? 'test' : 'live',
      'application id',
    );
  }
  return ctx.report.errorCount === errorsBefore;
}
