/**
 * What a provider secret looks like. Used by the validator (a secret-looking string anywhere in the spec is an
 * error), by `toPublicConfig` (defence in depth) and by the audit command (scanning a repository).
 * The patterns are non-global so `.test()` carries no `lastIndex` state between calls.
 */
export const SECRET_PATTERNS: readonly RegExp[] = Object.freeze([
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/, // Stripe secret and restricted keys
  /\bwhsec_[A-Za-z0-9+/=]{10,}/, // Stripe webhook signing secrets
  /\bEAAA[A-Za-z0-9_-]{30,}/, // Square access tokens (sandbox and production)
  /\bsq0atp-[A-Za-z0-9_-]{10,}/, // Square legacy access tokens
  /\bsq0csp-[A-Za-z0-9_-]{10,}/, // Square application secrets
]);

const PREFIX = /sk_|rk_|whsec_|EAAA|sq0atp-|sq0csp-/;

/** True when `text` contains something shaped like a provider secret. */
export function looksLikeSecret(text: string): boolean {
  // Cheap pre-check: a spec has tens of thousands of strings and almost none contain a secret prefix.
  if (text.length < 16 || !PREFIX.test(text)) return false;
  return SECRET_PATTERNS.some((re) => re.test(text));
}

/** Prefixes that are safe to print: they say what kind of key it is, not which one. */
const KNOWN_PREFIXES = [
  'sk_live_',
  'sk_test_',
  'rk_live_',
  'rk_test_',
  'pk_live_',
  'pk_test_',
  'whsec_',
  'sq0atp-',
  'sq0csp-',
  'EAAA',
];

/**
 * `sk_live_abc…` → `sk_live_…`. A value with no known prefix shows nothing but `…`: even a few characters
 * of an unknown secret would help someone guess it.
 */
export function redactedPrefix(value: string): string {
  const trimmed = value.trim();
  const prefix = KNOWN_PREFIXES.find((p) => trimmed.startsWith(p));
  return `${prefix ?? ''}…`;
}

/** Replaces every secret-looking substring with `[redacted]` (deep copies are the caller's job). */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) out = out.replace(new RegExp(re.source, 'g'), '[redacted]');
  // Replacing one pattern could in theory join text into another match; then nothing of it is kept.
  return looksLikeSecret(out) ? '[redacted]' : out;
}
