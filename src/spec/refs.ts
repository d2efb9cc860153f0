/**
 * `$ref` resolution on top of the parsed files, keeping where every object came from so a JSON pointer into
 * the dereferenced document maps back to the file and line it was written in.
 *
 * Local (`#/…`) and relative-file refs only; a network ref is an error (the spec must load offline and must
 * not fetch from wherever a spec points). Refs to the same target share one object, so recursive schemas
 * become cyclic object graphs, as with other dereferencers.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import { parsePointer, toPointer } from './pointer.ts';
import { type Position, readSource, type SourceFile } from './source.ts';

/** Where a dereferenced container was written: its file and the path inside that file. */
interface Origin {
  source: SourceFile;
  path: Path;
}

/** Linked path (cheap to extend while walking thousands of operations). */
type Path = { parent: Path; key: string } | null;

function pathToArray(p: Path): string[] {
  const out: string[] = [];
  for (let cur = p; cur; cur = cur.parent) out.push(cur.key);
  return out.reverse();
}

export interface RefProblem {
  code: 'E_REF_NOT_FOUND' | 'E_REF_REMOTE' | 'E_REF_CYCLE' | 'E_YAML_PARSE';
  message: string;
  /** Pointer of the `$ref` in the dereferenced document. */
  pointer: string;
  file: string;
  position: Position;
}

export interface Dereferenced {
  value: unknown;
  problems: RefProblem[];
  /** File and position for a pointer into `value`. */
  locate(pointer: string): { file: string } & Position;
}

export function dereference(root: SourceFile): Dereferenced {
  const origins = new WeakMap<object, Origin>();
  const files = new Map<string, SourceFile | undefined>([[root.path, root]]);
  // Source object → its dereferenced copy. Registered before the children are walked, so a schema that
  // reaches itself (directly or through a $ref) gets the same copy: a cycle, not infinite recursion.
  const copies = new WeakMap<object, unknown>();
  const inFlight = new Set<string>();
  const problems: RefProblem[] = [];

  const loadFile = (abs: string): SourceFile | undefined => {
    if (!files.has(abs)) {
      const r = readSource(abs);
      files.set(abs, r.ok ? r.source : undefined);
      if (!r.ok && 'problems' in r) {
        for (const p of r.problems) {
          problems.push({ code: 'E_YAML_PARSE', message: p.message, pointer: '', file: abs, position: p });
        }
      }
    }
    return files.get(abs);
  };

  const fail = (code: RefProblem['code'], message: string, source: SourceFile, at: Path, out: Path) => {
    const segs = [...pathToArray(at), '$ref'];
    problems.push({
      code,
      message,
      pointer: toPointer(pathToArray(out)),
      file: source.path,
      position: source.locate(segs),
    });
    return undefined;
  };

  const followRef = (ref: string, source: SourceFile, at: Path, out: Path): unknown => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) {
      return fail(
        'E_REF_REMOTE',
        `$ref '${ref}' points outside the spec's files; only local and relative refs are allowed`,
        source,
        at,
        out,
      );
    }
    const hash = ref.indexOf('#');
    const filePart = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? decodeURIComponent(ref.slice(hash + 1)) : '';
    const abs = filePart ? resolvePath(dirname(source.path), decodeURIComponent(filePart)) : source.path;
    const target = loadFile(abs);
    if (!target)
      return fail('E_REF_NOT_FOUND', `$ref '${ref}': file not found or unreadable`, source, at, out);
    if (fragment !== '' && !fragment.startsWith('/')) {
      return fail('E_REF_NOT_FOUND', `$ref '${ref}': fragment must be a JSON pointer`, source, at, out);
    }
    const segs = parsePointer(fragment);
    let value: unknown = target.value;
    let targetPath: Path = null;
    for (const seg of segs) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, seg)) {
        return fail('E_REF_NOT_FOUND', `$ref '${ref}': no such location`, source, at, out);
      }
      value = (value as Record<string, unknown>)[seg];
      targetPath = { parent: targetPath, key: seg };
    }
    if (value !== null && typeof value === 'object' && copies.has(value)) return copies.get(value);
    // Only a chain of bare refs (A → B → A) can loop here; containers are caught by `copies`.
    const key = `${abs}#${fragment}`;
    if (inFlight.has(key)) return fail('E_REF_CYCLE', `$ref '${ref}' refers to itself`, source, at, out);
    inFlight.add(key);
    try {
      return walk(value, target, targetPath, out);
    } finally {
      inFlight.delete(key);
    }
  };

  /** Copies `value`, replacing refs. */
  const walk = (value: unknown, source: SourceFile, at: Path, out: Path): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (copies.has(value)) return copies.get(value);
    if (!Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string') {
      const resolved = followRef((value as { $ref: string }).$ref, source, at, out);
      copies.set(value, resolved);
      return resolved;
    }
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      origins.set(copy, { source, path: at });
      copies.set(value, copy);
      for (let i = 0; i < value.length; i++) {
        const k = String(i);
        copy.push(walk(value[i], source, { parent: at, key: k }, { parent: out, key: k }));
      }
      return copy;
    }
    const copy: Record<string, unknown> = {};
    origins.set(copy, { source, path: at });
    copies.set(value, copy);
    for (const [k, v] of Object.entries(value)) {
      copy[k] = walk(v, source, { parent: at, key: k }, { parent: out, key: k });
    }
    return copy;
  };

  const value = walk(root.value, root, null, null);

  const locate = (pointer: string) => {
    const segs = parsePointer(pointer);
    let cur: unknown = value;
    let best = { origin: origins.get(value as object), from: 0 };
    let found = 0;
    for (const seg of segs) {
      if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) break;
      cur = (cur as Record<string, unknown>)[seg];
      found++;
      const o = cur !== null && typeof cur === 'object' ? origins.get(cur) : undefined;
      if (o) best = { origin: o, from: found };
    }
    if (!best.origin) return { file: root.path, line: 0, column: 0 };
    const inFile = [...pathToArray(best.origin.path), ...segs.slice(best.from, found)];
    return { file: best.origin.source.path, ...best.origin.source.locate(inFile) };
  };

  return { value, problems, locate };
}
