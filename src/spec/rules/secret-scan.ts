/**
 * Any string anywhere in the spec (descriptions, examples, other extensions) that looks like a provider
 * secret is an error: a spec is committed and often published, so the secret is already leaked.
 */
import { toPointer } from '../pointer.ts';
import { looksLikeSecret, redactedPrefix } from '../secret-patterns.ts';
import type { RuleContext } from './context.ts';

type Path = { parent: Path; key: string } | null;

export function scanForSecrets(ctx: RuleContext, doc: unknown): void {
  const seen = new Set<object>();
  const visit = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      if (looksLikeSecret(value)) {
        const pointer = toPointer(toArray(path));
        if (ctx.report.has('E_LITERAL_SECRET', pointer)) return;
        const at = value.search(/\b(?:sk_|rk_|whsec_|EAAA|sq0atp-|sq0csp-)/);
        ctx.report.error(
          'E_SECRET_IN_SPEC',
          pointer,
          `contains what looks like a provider secret (${redactedPrefix(value.slice(Math.max(0, at)))}); revoke it and use a \${VAR} reference`,
        );
      }
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    for (const [k, v] of Object.entries(value)) visit(v, { parent: path, key: k });
  };
  visit(doc, null);
}

function toArray(p: Path): string[] {
  const out: string[] = [];
  for (let cur = p; cur; cur = cur.parent) out.push(cur.key);
  return out.reverse();
}
