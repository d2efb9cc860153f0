/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracket paths
 * (`line_items[0][price_data][currency]=usd`, `expand[]=x`). Parsed into plain nested objects; numeric
 * segments become arrays. Keys that could pollute prototypes are dropped.
 */
export type FormValue = string | FormValue[] | { [k: string]: FormValue };
export type FormObject = { [k: string]: FormValue };

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_DEPTH = 6;
const MAX_INDEX = 1000;

function segments(key: string): string[] | undefined {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!m) return undefined;
  const rest = [...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]);
  const segs = [m[1], ...rest];
  return segs.length > MAX_DEPTH || segs.some((s) => FORBIDDEN.has(s)) ? undefined : segs;
}

function assign(target: FormObject | FormValue[], segs: string[], value: string): void {
  const [head, ...tail] = segs;
  const isArray = Array.isArray(target);
  const index = head === '' ? (isArray ? target.length : -1) : Number(head);
  if (isArray && !(Number.isInteger(index) && index >= 0 && index <= MAX_INDEX)) return;
  const container = target as Record<string | number, FormValue>;
  const slot: string | number = isArray ? index : head;
  if (tail.length === 0) {
    container[slot] = value;
    return;
  }
  let child = container[slot];
  if (typeof child !== 'object' || child === null) {
    child = /^\d*$/.test(tail[0]) ? [] : {};
    container[slot] = child;
  }
  assign(child as FormObject | FormValue[], tail, value);
}

export function parseStripeForm(body: string): FormObject {
  const out: FormObject = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    const segs = segments(key);
    if (segs) assign(out, segs, value);
  }
  return out;
}

/** Stable text form of params, for idempotency comparison. */
export function canonicalParams(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalParams).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.keys(v as object)
      .filter((k) => k !== 'expand')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalParams((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}
