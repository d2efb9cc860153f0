/**
 * Any string anywhere in the spec (descriptions, examples, other extensions) that looks like a provider
 * secret is an error: a spec is committed and often published, so the secret is already leaked.
 */
import { toPointer } from '../pointer.ts';
import { looksLikeSecret, redactedPrefix } from '../secret-patterns.ts';
import type { RuleContext } from './context.ts';

/** `shared` = objects reachable along several paths (ref targets): scanned once, which also ends cycles. */
export function scanForSecrets(ctx: RuleContext, doc: unknown, shared: ReadonlySet<object>): void {
  const done = new Set<object>();
  const path: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (looksLikeSecret(value)) report(ctx, toPointer(path), value);
      return;
    }
    // The depth bound covers self-referencing YAML aliases, which are not refs.
    if (value === null || typeof value !== 'object' || path.length > 200) return;
    if (shared.has(value)) {
      if (done.has(value)) return;
      done.add(value);
    }
    for (const key of Object.keys(value)) {
      path.push(key);
      visit((value as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  visit(doc);
}

function report(ctx: RuleContext, pointer: string, value: string): void {
  if (ctx.report.has('E_LITERAL_SECRET', pointer)) return;
  const at = value.search(/\b(?:sk_|rk_|whsec_|EAAA|sq0atp-|sq0csp-)/);
  ctx.report.error(
    'E_SECRET_IN_SPEC',
    pointer,
    `contains what looks like a provider secret (${redactedPrefix(value.slice(Math.max(0, at)))}); revoke it and use a \${VAR} reference`,
  );
}
