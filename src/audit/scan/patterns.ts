/**
 * Secret patterns as the audit looks for them in files: spec/'s provider patterns, plus what only shows in
 * files (PEM private keys, PayPal client secrets next to client ids). A finding fails a build, so obvious
 * placeholders (`sk_test_your_key_here`, `whsec_xxxxxxxx…`) are not secrets.
 */
import { redactedPrefix, SECRET_PATTERNS } from '../../spec/secret-patterns.ts';

export interface SecretPattern {
  id: string;
  /** Global copy of spec/'s pattern (scanning needs every match). */
  re: RegExp;
}

/** spec/'s provider patterns (one source of truth for what a provider secret looks like), made global. */
export const SCAN_PATTERNS: readonly SecretPattern[] = SECRET_PATTERNS.map((re) => ({
  id: re.source,
  re: new RegExp(re.source, 'g'),
}));

/** What kind of secret a match is, from its prefix (never from the secret part). */
export function describeSecret(value: string): { label: string; prefix: string; testMode: boolean } {
  const prefix = redactedPrefix(value).slice(0, -1);
  const label = /^(sk|rk)_/.test(prefix)
    ? 'Stripe secret/restricted key'
    : prefix === 'whsec_'
      ? 'Stripe webhook signing secret'
      : prefix.startsWith('sq0csp')
        ? 'Square application secret'
        : 'Square access token';
  return { label, prefix, testMode: prefix.includes('_test_') };
}

/** A PEM private key header; only counts when key material follows (docs quoting the header are fine). */
export const PRIVATE_KEY_HEADER = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----/g;
const PEM_BODY_LINE = /^\s*(?:[A-Za-z0-9+/=]{16,}|Proc-Type:|DEK-Info:)/;

/** PayPal secrets have no prefix: a literal client secret counts only next to a literal client id. */
export const PAYPAL_SECRET = /client[_-]?secret["']?\s*[:=]\s*["']?([A-Za-z0-9_-]{40,})/i;
export const PAYPAL_CLIENT_ID = /client[_-]?id["']?\s*[:=]\s*["']?([A-Za-z0-9_-]{40,})/i;
export const PAYPAL_PAIR_DISTANCE = 5;

/** Quick rejection: files without any of these substrings cannot hold a finding. */
export const PREFILTER_SOURCE = 'sk_|rk_|whsec_|EAAA|sq0atp-|sq0csp-|PRIVATE KEY|client.?secret';
export const PREFILTER = new RegExp(PREFILTER_SOURCE, 'i');

/**
 * Words people put in stand-in keys (docs, templates, test fixtures). A real key body is random base62: the
 * chance that one holds any of these words is around 1e-5, so a match means "written by a human".
 */
const PLACEHOLDER_WORDS =
  /your|example|placeholder|dummy|fake|xxxx|redacted|changeme|change_me|replace|here|sample|todo|<|\.\.\.|secret|token|value|sandbox|dotenv|fixture|mock|test|demo|literal|json|verify|bench|invalid|wrong|bogus|expired|rotat|worker|suite|operation/i;

/** Share of neighbouring characters that count up by one (`AbCdEf`, `123456`): typed, not generated. */
function ascendingShare(body: string): number {
  const s = body.toLowerCase();
  let up = 0;
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) === s.charCodeAt(i - 1) + 1) up++;
  return s.length > 1 ? up / (s.length - 1) : 0;
}

/** True for values people write in docs, templates and tests rather than keys a provider issued. */
export function isPlaceholder(body: string): boolean {
  if (PLACEHOLDER_WORDS.test(body)) return true;
  if (/(.)\1{4}/.test(body)) return true; // `000000`, `aaaaa`: a run no random key of this length has
  if (/(.{2,6})\1{2,}/.test(body)) return true; // `EchoEchoEcho`, `abababab`: a repeated unit, typed
  if (ascendingShare(body) >= 0.5) return true;
  return new Set(body).size < 6;
}

export function pemBodyFollows(text: string, headerEnd: number): boolean {
  const nextLineStart = text.indexOf('\n', headerEnd);
  if (nextLineStart < 0) return false;
  const nextLineEnd = text.indexOf('\n', nextLineStart + 1);
  const line = text.slice(nextLineStart + 1, nextLineEnd < 0 ? undefined : nextLineEnd);
  return PEM_BODY_LINE.test(line);
}

/** `sk_live_` + body → `sk_live_…abcd`: enough to find the key in a dashboard, never enough to use it. */
export function redactSecret(prefix: string, body: string): string {
  return `${prefix}…${body.length > 12 ? body.slice(-4) : ''}`;
}
