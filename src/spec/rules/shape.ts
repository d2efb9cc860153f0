/**
 * Structural checks with zod, turned into diagnostics with stable codes and pointers. Unknown fields are
 * reported (as warnings) rather than silently dropped, so a typo like `webhookSecert` is visible.
 */
import type { z } from 'zod';
import { join } from '../pointer.ts';
import type { Reporter } from '../report.ts';

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

function describe(issue: Issue, input: unknown): { code: string; message: string } {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? { code: 'E_REQUIRED', message: 'is required' }
        : {
            code: 'E_TYPE',
            message: `must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`,
          };
    case 'invalid_value':
      return {
        code: 'E_INVALID_VALUE',
        message: `must be one of ${issue.values.map((v) => String(v)).join(' | ')}`,
      };
    case 'too_small':
      return {
        code: 'E_RANGE',
        message: bound(issue.origin, 'at least', issue.minimum, issue.inclusive ? '≥' : '>'),
      };
    case 'too_big':
      return {
        code: 'E_RANGE',
        message: bound(issue.origin, 'at most', issue.maximum, issue.inclusive ? '≤' : '<'),
      };
    case 'invalid_union':
      return { code: 'E_TYPE', message: 'has an unsupported type or shape' };
    default:
      return { code: 'E_INVALID', message: issue.message };
  }
}

function bound(origin: string, words: string, limit: number | bigint, op: string): string {
  if (origin === 'array') return `needs ${words} ${limit} item(s)`;
  if (origin === 'string')
    return limit === 1 && words === 'at least' ? 'must not be empty' : `must be ${words} ${limit} characters`;
  return `must be ${op} ${limit}`;
}

/** Parses `value` with `schema`; reports every issue under `pointer`; undefined when invalid. */
export function parseShape<S extends z.ZodType>(
  report: Reporter,
  schema: S,
  value: unknown,
  pointer: string,
): z.infer<S> | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const { code, message } = describe(issue, value);
    report.error(code, join(pointer, ...issue.path.map(String)), message);
  }
  return undefined;
}

/** Warns about keys of `obj` that `known` does not list (extension keys `x-…` are left alone). */
export function warnUnknownKeys(
  report: Reporter,
  obj: unknown,
  known: readonly string[],
  pointer: string,
): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return;
  for (const k of Object.keys(obj)) {
    if (!known.includes(k) && !k.startsWith('x-'))
      report.warn('W_UNKNOWN_FIELD', join(pointer, k), 'is not a known field and is ignored');
  }
}

/** Keys of a zod object schema. */
export function keysOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}
