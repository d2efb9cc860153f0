/**
 * Matching a concrete request to a monetized operation, for the gate proxy. The gate fails closed: paths are
 * normalized the way upstream servers commonly treat them (duplicate or trailing slashes, `.`/`..`
 * segments, percent-encoding, letter case), so `/Reports/42/` or `/projects/../reports/%34%32` cannot
 * slip past a rule written for `/reports/{id}`.
 */
import type { MonetizedOperation, PaymentsConfig } from './types.ts';

interface Compiled {
  op: MonetizedOperation;
  segments: Array<string | RegExp>;
  /** Literal segments count: concrete paths win over templated ones (OpenAPI's matching rule). */
  literals: number;
}

type Index = Map<string, Map<number, Compiled[]>>;
const indexes = new WeakMap<object, Index>();

function compile(op: MonetizedOperation): Compiled {
  const segments = splitPath(op.path).map((seg) => {
    if (!seg.includes('{')) return seg.toLowerCase();
    // `{id}` or `{name}.json`: each template variable matches one non-empty segment part.
    const source = seg
      .split(/(\{[^}]*\})/)
      .map((part) =>
        part.startsWith('{') && part.endsWith('}') ? '[^/]+?' : escapeRegExp(part.toLowerCase()),
      )
      .join('');
    return new RegExp(`^${source}$`);
  });
  return { op, segments, literals: segments.filter((s) => typeof s === 'string').length };
}

function buildIndex(config: Pick<PaymentsConfig, 'monetized'>): Index {
  const index: Index = new Map();
  for (const op of config.monetized) {
    const c = compile(op);
    const byLength = index.get(op.method) ?? new Map<number, Compiled[]>();
    index.set(op.method, byLength);
    const list = byLength.get(c.segments.length) ?? [];
    byLength.set(c.segments.length, list);
    list.push(c);
  }
  for (const byLength of index.values())
    for (const list of byLength.values()) list.sort((a, b) => b.literals - a.literals);
  return index;
}

/**
 * The monetized operation a request hits, or undefined. `path` may include a query string. HEAD is gated
 * like GET (it returns the same resource's headers).
 */
export function findMonetized(
  config: Pick<PaymentsConfig, 'monetized'>,
  method: string,
  path: string,
): MonetizedOperation | undefined {
  let index = indexes.get(config);
  if (!index) {
    index = buildIndex(config);
    indexes.set(config, index);
  }
  const m = method.toUpperCase();
  for (const segments of pathReadings(path)) {
    const hit = match(index, m, segments) ?? (m === 'HEAD' ? match(index, 'GET', segments) : undefined);
    if (hit) return hit;
  }
  return undefined;
}

function match(index: Index, method: string, segments: string[]): MonetizedOperation | undefined {
  const candidates = index.get(method)?.get(segments.length);
  if (!candidates) return undefined;
  for (const c of candidates) {
    if (c.segments.every((s, i) => (typeof s === 'string' ? s === segments[i] : s.test(segments[i]))))
      return c.op;
  }
  return undefined;
}

/**
 * The ways an upstream might read `path`: segments decoded one by one (`%2F` stays inside a segment), the
 * whole path decoded first (`%2F` splits), and backslashes as slashes. A rule matching any reading gates.
 */
export function pathReadings(path: string): string[][] {
  const cut = path.search(/[?#]/);
  const raw = cut >= 0 ? path.slice(0, cut) : path;
  return [
    segmentsOf(raw.split('/').map(lenientDecode)),
    segmentsOf(lenientDecode(raw).split('/')),
    segmentsOf(raw.replace(/\\/g, '/').split('/').map(lenientDecode)),
  ];
}

/** Lower-cased segments with empty and `.` dropped and `..` applied. */
function segmentsOf(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const seg = part.toLowerCase();
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out;
}

/** decodeURIComponent, or for malformed input only the ASCII escapes (a bad `%` must not skip the gate). */
function lenientDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-7][0-9a-f])/gi, (_m, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
