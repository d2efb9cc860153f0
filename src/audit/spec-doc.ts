/**
 * The spec as the audit reads it: the raw document (before `${VAR}` resolution, so the audit can see whether a
 * secret is a reference or a literal) plus a way to map any path inside it to a source line for evidence.
 * Validation proper belongs to spec/ (see checks/spec-valid.ts); this only parses.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

export type PathSegment = string | number;

export interface SpecDocument {
  /** Path relative to the audited directory (POSIX). */
  file: string;
  /** Absolute path. */
  absPath: string;
  /** Plain JS value of the whole document (undefined when it does not parse). */
  root: unknown;
  /** Where `x-uigen-payments` sits (`[]`-relative path), or undefined when the spec has none. */
  paymentsPath?: PathSegment[];
  /** The `x-uigen-payments` block as plain data. */
  payments?: Record<string, unknown>;
  /** 1-based line of the node at `path` (a map key's line for map members); 1 when unknown. */
  lineOf(path: PathSegment[]): number;
  /** Parse error, redacted of values (positions only). */
  parseError?: string;
}

function childNode(node: unknown, seg: PathSegment): { node: unknown; offset?: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
    if (!pair) return undefined;
    const keyRange = (pair.key as Node | null)?.range;
    return { node: pair.value, offset: keyRange?.[0] };
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg] as Node | undefined;
    return item ? { node: item, offset: item.range?.[0] } : undefined;
  }
  return undefined;
}

export function loadSpecDocument(absPath: string, relPath: string): SpecDocument {
  const text = readFileSync(absPath, 'utf8');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const lineOf = (path: PathSegment[]): number => {
    let node: unknown = doc.contents;
    let offset: number | undefined = (doc.contents as Node | null)?.range?.[0];
    for (const seg of path) {
      const next = childNode(node, seg);
      if (!next) break;
      node = next.node;
      offset = next.offset ?? offset;
    }
    return offset === undefined ? 1 : counter.linePos(offset).line;
  };
  const base: SpecDocument = { file: relPath, absPath, root: undefined, lineOf };
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line ?? 1;
    return { ...base, parseError: `${first.code} at line ${line}` };
  }
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const out: SpecDocument = { ...base, root };
  const obj = asRecord(root);
  const info = asRecord(obj?.info);
  if (asRecord(obj?.['x-uigen-payments'])) {
    out.paymentsPath = ['x-uigen-payments'];
    out.payments = asRecord(obj?.['x-uigen-payments']);
  } else if (asRecord(info?.['x-uigen-payments'])) {
    out.paymentsPath = ['info', 'x-uigen-payments'];
    out.payments = asRecord(info?.['x-uigen-payments']);
  }
  return out;
}

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** `${VAR}` (the whole value) → `VAR`; anything else → undefined. */
export function envReference(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}$/.exec(v.trim());
  return m?.[1];
}

/** Every `${VAR}` mentioned anywhere in a string. */
export function envReferencesIn(v: string): string[] {
  return [...v.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}/g)].map((m) => m[1]);
}

/** Provider entries of the payments block with their index (for paths and lines). */
export function providerEntries(
  spec: SpecDocument,
): Array<{ index: number; entry: Record<string, unknown> }> {
  const list = spec.payments?.providers;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e, index) => {
    const entry = asRecord(e);
    return entry ? [{ index, entry }] : [];
  });
}
