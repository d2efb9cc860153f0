/**
 * `x-uigen-monetized` on path items and operations: `true`, or `{monetized, message, redirectTo, plans}`.
 * A path item's value applies to each of its operations; an operation's own value overrides it field by
 * field, and `monetized: false` on an operation opts it out.
 */
import { z } from 'zod';
import { join } from '../pointer.ts';
import type { MonetizedOperation } from '../types.ts';
import { checkRedirect } from '../url-rules.ts';
import type { RuleContext } from './context.ts';
import { keysOf, parseShape, warnUnknownKeys } from './shape.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const KEY = 'x-uigen-monetized';

const schema = z.object({
  monetized: z.boolean().optional(),
  message: z.string().min(1).optional(),
  redirectTo: z.string().min(1).optional(),
  plans: z.array(z.string().min(1)).optional(),
});

interface Marker {
  monetized: boolean;
  message?: string;
  redirectTo?: string;
  plans?: string[];
  /** Where `plans` was written, for the plan-name check. */
  plansPointer?: string;
}

/** A plan name used by a monetized operation, with where it was written. */
export interface PlanUse {
  plan: string;
  pointer: string;
}

export function collectMonetized(
  ctx: RuleContext,
  paths: unknown,
): { operations: MonetizedOperation[]; planUses: PlanUse[] } {
  const operations: MonetizedOperation[] = [];
  const planUses: PlanUse[] = [];
  if (paths === null || typeof paths !== 'object') return { operations, planUses };
  for (const [path, item] of Object.entries(paths)) {
    if (item === null || typeof item !== 'object') continue;
    const itemPointer = join('', 'paths', path);
    const onItem = readMarker(ctx, (item as Record<string, unknown>)[KEY], () => join(itemPointer, KEY));
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, unknown>)[method];
      if (op === null || typeof op !== 'object') continue;
      const onOp = readMarker(ctx, (op as Record<string, unknown>)[KEY], () =>
        join(itemPointer, method, KEY),
      );
      const m = onOp ? { ...onItem, ...definedOnly(onOp) } : onItem;
      if (!m?.monetized) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        plans: m.plans ?? [],
        ...(m.message !== undefined ? { message: m.message } : {}),
        ...(m.redirectTo !== undefined ? { redirectTo: m.redirectTo } : {}),
      });
      for (const [i, plan] of (m.plans ?? []).entries())
        planUses.push({ plan, pointer: join(m.plansPointer ?? '', i) });
    }
  }
  return { operations, planUses };
}

function definedOnly(m: Marker): Partial<Marker> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));
}

/** `pointerOf` is lazy: most operations carry no marker, and building 5,000 pointers is not free. */
function readMarker(ctx: RuleContext, raw: unknown, pointerOf: () => string): Marker | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'boolean') return { monetized: raw };
  const pointer = pointerOf();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    ctx.report.error(
      'E_MONETIZED_INVALID',
      pointer,
      'must be true, false or {monetized, message, redirectTo, plans}',
    );
    return undefined;
  }
  warnUnknownKeys(ctx.report, raw, keysOf(schema), pointer);
  const s = parseShape(ctx.report, schema, raw, pointer);
  if (!s) return undefined;
  if (s.redirectTo !== undefined) {
    const bad = checkRedirect(s.redirectTo, ctx);
    if (bad) {
      ctx.report.error(bad.code, join(pointer, 'redirectTo'), bad.message);
      return undefined;
    }
  }
  return {
    monetized: s.monetized ?? true,
    message: s.message,
    redirectTo: s.redirectTo,
    plans: s.plans,
    plansPointer: s.plans ? join(pointer, 'plans') : undefined,
  };
}
