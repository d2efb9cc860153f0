/**
 * `$ref` resolution on top of the parsed files, keeping enough to map a JSON pointer into the dereferenced
 * document back to the file and line it was written in.
 *
 * Refs are replaced in place (the parsed values belong to the loader), so a 5,000-operation spec costs one
 * walk and no copy. Only ref targets are remembered with their origin (file + path in that file): every
 * other object sits at its own path. Refs to the same target share one object, so recursive schemas become
 * cyclic object graphs, as with other dereferencers.
 *
 * Local (`#/…`) and relative-file refs only; a network ref is an error (the spec must load offline and must
 * not fetch from wherever a spec points).
 */
import { dirname, resolve as resolvePath } from 'node:path';
import { parsePointer, toPointer } from './pointer.ts';
import { type Position, readSource, type SourceFile } from './source.ts';

/** Where a ref target was written: its file and the path inside that file. */
interface Origin {
  source: SourceFile;
  path: string[];
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
  /** Objects that refs point at (possibly reachable along several paths, or in a cycle). */
  shared: ReadonlySet<object>;
  /** File and position for a pointer into `value`. */
  locate(pointer: string): { file: string } & Position;
}

const MAX_DEPTH = 200;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object';
const isRef = (v: unknown): v is { $ref: string } =>
  isObject(v) && !Array.isArray(v) && typeof v.$ref === 'string';

export function dereference(root: SourceFile): Dereferenced {
  const origins = new Map<object, Origin>();
  const files = new Map<string, SourceFile | undefined>([[root.path, root]]);
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

  /** Resolves the ref at `inFile` (a path in `source`) met at `outPath` (a path in the result). */
  const follow = (ref: string, source: SourceFile, inFile: string[], outPath: string[]): unknown => {
    const fail = (code: RefProblem['code'], message: string) => {
      const position = source.locate([...inFile, '$ref']);
      problems.push({ code, message, pointer: toPointer(outPath), file: source.path, position });
      return undefined;
    };
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) {
      return fail(
        'E_REF_REMOTE',
        `$ref '${ref}' points outside the spec's files; only local and relative refs are allowed`,
      );
    }
    const hash = ref.indexOf('#');
    const filePart = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? decodeURIComponent(ref.slice(hash + 1)) : '';
    const abs = filePart ? resolvePath(dirname(source.path), decodeURIComponent(filePart)) : source.path;
    const target = loadFile(abs);
    if (!target) return fail('E_REF_NOT_FOUND', `$ref '${ref}': file not found or unreadable`);
    if (fragment !== '' && !fragment.startsWith('/')) {
      return fail('E_REF_NOT_FOUND', `$ref '${ref}': fragment must be a JSON pointer`);
    }
    const path = parsePointer(fragment);
    let value: unknown = target.value;
    for (const seg of path) {
      if (!isObject(value) || !Object.hasOwn(value, seg))
        return fail('E_REF_NOT_FOUND', `$ref '${ref}': no such location`);
      value = value[seg];
    }
    if (isRef(value)) {
      // A ref to a ref: follow the chain, refusing to go round in circles.
      const key = `${abs}#${fragment}`;
      if (inFlight.has(key)) return fail('E_REF_CYCLE', `$ref '${ref}' refers to itself`);
      inFlight.add(key);
      try {
        return follow(value.$ref, target, path, outPath);
      } finally {
        inFlight.delete(key);
      }
    }
    if (isObject(value) && !origins.has(value)) {
      origins.set(value, { source: target, path });
      walk(value, target, path, outPath, 0);
    }
    return value;
  };

  /** Replaces refs below `node` in place. Ref targets are walked once (they may be shared or cyclic). */
  const walk = (node: Obj, source: SourceFile, inFile: string[], outPath: string[], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const key in node) {
      const child = node[key];
      if (!isObject(child)) continue;
      inFile.push(key);
      outPath.push(key);
      if (isRef(child)) node[key] = follow(child.$ref, source, [...inFile], [...outPath]);
      else if (!origins.has(child)) walk(child, source, inFile, outPath, depth + 1);
      inFile.pop();
      outPath.pop();
    }
  };

  let value = root.value;
  if (isRef(value)) value = follow(value.$ref, root, [], []);
  else if (isObject(value)) walk(value, root, [], [], 0);

  const locate = (pointer: string) => {
    let source = root;
    let path: string[] = [];
    let cur: unknown = value;
    for (const seg of parsePointer(pointer)) {
      if (!isObject(cur) || !Object.hasOwn(cur, seg)) break;
      cur = cur[seg];
      const origin = isObject(cur) ? origins.get(cur) : undefined;
      if (origin) {
        source = origin.source;
        path = [...origin.path];
      } else path.push(seg);
    }
    return { file: source.path, ...source.locate(path) };
  };

  return { value, problems, shared: new Set(origins.keys()), locate };
}
