/**
 * Resolving single string fields: `${VAR}` interpolation for ordinary fields, and the stricter rules for
 * secrets (a secret must be exactly one `${VAR}` reference, and its value is never printed).
 */
import { interpolate, isPureReference } from '../env.ts';
import { redactedPrefix } from '../secret-patterns.ts';
import type { RuleContext } from './context.ts';

export interface TextOptions {
  /** A key or id (publishableKey, clientId, locationId…): an empty value is an error. */
  key?: boolean;
}

/** Interpolates `${VAR}`s; reports missing variables and syntax errors and returns undefined then. */
export function resolveText(
  ctx: RuleContext,
  template: string,
  pointer: string,
  opts: TextOptions = {},
): string | undefined {
  const r = interpolate(template, ctx.env);
  if (!r.ok) {
    ctx.report.error('E_ENV_SYNTAX', pointer, r.error);
    return undefined;
  }
  if (r.missing.length > 0) {
    for (const name of r.missing) {
      ctx.report.error(
        'E_ENV_MISSING',
        pointer,
        `needs environment variable ${name}, which is not set (environment or .env files)`,
      );
    }
    return undefined;
  }
  if (opts.key && r.value.trim() === '') {
    const names = r.refs.map((x) => x.name).join(', ');
    ctx.report.error(
      'E_ENV_EMPTY',
      pointer,
      names ? `needs environment variable ${names}, which is empty` : 'must not be empty',
    );
    return undefined;
  }
  return r.value;
}

/**
 * A secret field: `${VAR}` only (no literal, no `${VAR:-default}`, no text around it), VAR set and
 * non-empty, no surrounding whitespace in the value.
 */
export function resolveSecret(ctx: RuleContext, template: string, pointer: string): string | undefined {
  if (!isPureReference(template)) {
    if (!template.includes('${')) {
      ctx.report.error(
        'E_LITERAL_SECRET',
        pointer,
        `must be a \${VAR} reference, not a literal value (found ${redactedPrefix(template)}); move it to the environment or .env`,
      );
    } else if (/\$\{[^}]*:-/.test(template)) {
      ctx.report.error(
        'E_SECRET_DEFAULT',
        pointer,
        'must not have a ${VAR:-default}: a default would be a literal secret',
      );
    } else {
      ctx.report.error(
        'E_LITERAL_SECRET',
        pointer,
        'must be exactly one ${VAR} reference with no text around it',
      );
    }
    return undefined;
  }
  const name = template.slice(2, -1);
  const value = resolveText(ctx, template, pointer, { key: true });
  if (value === undefined) return undefined;
  if (value !== value.trim()) {
    ctx.report.error('E_SECRET_WHITESPACE', pointer, `value of ${name} has leading or trailing whitespace`);
    return undefined;
  }
  return value;
}

/** `whsec_a,whsec_b` → both (rotation: the old secret stays valid until the provider stops using it). */
export function splitSecrets(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
