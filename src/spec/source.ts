/**
 * One spec file: its parsed value plus a way to turn a path inside it into line:column of the original text.
 *
 * JSON is parsed with `JSON.parse` and plain block YAML with the fast path in fast-yaml.ts (a 5,000-operation
 * spec in tens of ms instead of seconds); the text is re-parsed with `yaml` (`parseDocument` + `LineCounter`)
 * only when a diagnostic needs a position. YAML outside the fast subset is parsed once with `yaml` and its
 * node tree kept. JSON is YAML 1.2, so one locator serves both.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
} from 'yaml';
import { fastParseYaml } from './fast-yaml.ts';
import { scrubSecrets } from './secret-patterns.ts';

export interface Position {
  line: number;
  column: number;
}

/** A problem in the file's own syntax, already located. */
export interface SyntaxProblem extends Position {
  message: string;
}

export interface SourceFile {
  /** Absolute path. */
  path: string;
  value: unknown;
  /** Position of the node at `segments` (or of its nearest existing ancestor). */
  locate(segments: readonly string[]): Position;
}

export type ParseResult = { ok: true; source: SourceFile } | { ok: false; problems: SyntaxProblem[] };

const YAML_OPTIONS = { merge: true, prettyErrors: false, uniqueKeys: true } as const;

export function parseSource(path: string, text: string): ParseResult {
  const fast = fastValue(path, text);
  if (fast !== undefined) {
    let located: Located | undefined;
    const lazy = () => {
      located ??= parseLocated(text);
      return located;
    };
    return { ok: true, source: { path, value: fast.value, locate: (segs) => lazy().locate(segs) } };
  }
  const located = parseLocated(text);
  if (located.problems.length > 0) return { ok: false, problems: located.problems };
  let value: unknown;
  try {
    value = located.doc.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (err) {
    // e.g. an alias used before its anchor, or an alias bomb: a diagnostic, never a crash (found by fuzzing).
    return { ok: false, problems: [{ message: `YAML could not be read: ${(err as Error).message.split('\n')[0].slice(0, 120)}`, line: 1, column: 1 }] };
  }
  return { ok: true, source: { path, value, locate: (segs) => located.locate(segs) } };
}

/** JSON.parse for JSON text (whatever the extension), the block-YAML fast path otherwise; undefined = use yaml. */
function fastValue(path: string, text: string): { value: unknown } | undefined {
  if (extname(path).toLowerCase() === '.json' || /^\s*\{/.test(text)) {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      // Not JSON after all (or broken): yaml reports syntax errors with positions.
      return undefined;
    }
  }
  const value = fastParseYaml(text);
  return value === undefined ? undefined : { value };
}

export function readSource(path: string): ParseResult | { ok: false; missing: true } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ok: false, missing: true };
  }
  return parseSource(path, text);
}

interface Located {
  doc: Document;
  problems: SyntaxProblem[];
  locate(segments: readonly string[]): Position;
}

function parseLocated(text: string): Located {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems = doc.errors.map((e) => ({
    ...pos(e.pos[0]),
    message: scrubSecrets(e.message.split('\n')[0]),
  }));
  return {
    doc,
    problems,
    locate(segments) {
      const node = walk(doc, segments);
      return node?.range ? pos(node.range[0]) : { line: 1, column: 1 };
    },
  };
}

/** Follows `segments` through maps, sequences and aliases; stops at the deepest node that exists. */
function walk(doc: Document, segments: readonly string[]): Node | undefined {
  let node = doc.contents as Node | null;
  if (!node) return undefined;
  for (const seg of segments) {
    if (isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? node;
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair: Pair | undefined = node.items.find(
        (p: Pair) => String(isScalar(p.key) ? p.key.value : p.key) === seg,
      );
      next = pair ? ((pair.value as Node | null) ?? (pair.key as Node)) : undefined;
    } else if (isSeq(node)) {
      next = node.items[Number(seg)] as Node | undefined;
    }
    if (!next) break;
    node = next;
  }
  return node;
}
