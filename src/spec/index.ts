/** The spec module's public surface: load/validate a spec, project it for browsers, match monetized routes. */
export { currencyExponent, ISO_4217, ZERO_DECIMAL } from './currencies.ts';
export {
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETENTION,
  DEFAULT_WEBHOOK_MAX_BYTES,
  defaultAlerts,
  MIN_DEDUPE_DAYS,
} from './defaults.ts';
export type { Diagnostic } from './diagnostics.ts';
export { formatDiagnostic } from './diagnostics.ts';
export { interpolate, loadDotenv, resolveEnv } from './env.ts';
export { type LoadOptions, loadSpec, type ValidationResult, validateSpec, validateSpecFile } from './load.ts';
export { findMonetized } from './monetized.ts';
export { toPublicConfig } from './public-config.ts';
export { looksLikeSecret, redactedPrefix, SECRET_PATTERNS, scrubSecrets } from './secret-patterns.ts';
export type * from './types.ts';
export { checkRedirect, checkUrl } from './url-rules.ts';
