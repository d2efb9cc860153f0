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

const STRIPE_SECRET = /^(?:sk|rk)_(test|live)_/;
const STRIPE_PUBLISHABLE = /^pk_(test|live)_/;

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
    const apiKey = values.apiKey;
    if (apiKey !== undefined) {
      const m = STRIPE_SECRET.exec(apiKey);
      if (apiKey.startsWith('pk_')) {
        ctx.report.error(
          'E_PUBLISHABLE_AS_SECRET',
          join(p, 'apiKey'),
          'holds a publishable key (pk_…); the secret key (sk_…) belongs here',
        );
      } else if (m) mismatch('apiKey', m[1], `key (${m[0]}…)`);
      else
        ctx.report.error(
          'E_KEY_FORMAT',
          join(p, 'apiKey'),
          'does not look like a Stripe secret key (sk_test_… or sk_live_…)',
        );
    }
    const pk = values.publishableKey;
    if (pk !== undefined) {
      const m = STRIPE_PUBLISHABLE.exec(pk);
      if (/^(?:sk|rk)_/.test(pk) || pk.startsWith('whsec_') || looksLikeSecret(pk)) {
        ctx.report.error(
          'E_SECRET_AS_PUBLISHABLE',
          join(p, 'publishableKey'),
          'holds a secret key; it would be sent to browsers. Use the pk_… key',
        );
      } else if (m) mismatch('publishableKey', m[1], `key (${m[0]}…)`);
      else
        ctx.report.error(
          'E_KEY_FORMAT',
          join(p, 'publishableKey'),
          'does not look like a Stripe publishable key (pk_test_… or pk_live_…)',
        );
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
