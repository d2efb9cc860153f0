/** Walks the payments block of every loaded spec: the shared loop of the spec-based checks. */
import { posix } from 'node:path';
import { asRecord, type PathSegment, type SpecDocument } from './spec-doc.ts';
import type { AuditContext } from './types.ts';

/** Specs that carry an `x-uigen-payments` block (the ones spec-based checks look at). */
export function paymentSpecs(
  ctx: AuditContext,
): Array<SpecDocument & { payments: Record<string, unknown>; paymentsPath: PathSegment[] }> {
  return ctx.specs.filter(
    (s): s is SpecDocument & { payments: Record<string, unknown>; paymentsPath: PathSegment[] } =>
      Boolean(s.payments && s.paymentsPath),
  );
}

/** Calls `fn` for every string inside `value`, with its path below `base`. */
export function walkStrings(
  value: unknown,
  base: PathSegment[],
  fn: (s: string, path: PathSegment[]) => void,
): void {
  if (typeof value === 'string') fn(value, base);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) walkStrings(v, [...base, i], fn);
  else if (asRecord(value))
    for (const [k, v] of Object.entries(value as object)) walkStrings(v, [...base, k], fn);
}

/** A note for spec-based checks when there is nothing to look at. */
export function noPaymentsNote(ctx: AuditContext): string {
  return ctx.specs.length === 0
    ? 'no spec found (pass --spec)'
    : 'no x-uigen-payments block (see spec-valid)';
}

/** Folders whose `.env.example` matters: each spec's folder, or the audited root when there is no spec. */
export function specFolders(ctx: AuditContext): string[] {
  return ctx.specs.length > 0 ? [...new Set(ctx.specs.map((s) => posix.dirname(s.file)))] : ['.'];
}
