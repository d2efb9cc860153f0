/** Builds the `AuditContext` once: file list, specs, `.env.example` lookup, optional resolved environment. */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { UsageError } from '../cli/command.ts';
import { readAuditConfig } from './config.ts';
import { type EnvExample, parseEnvExample, resolveEnv } from './env-files.ts';
import { isGitRepo, trackedFiles, walkFiles } from './git.ts';
import { loadSpecDocument } from './spec-doc.ts';
import type { AuditContext } from './types.ts';

export interface AuditOptions {
  dir: string;
  /** Spec paths relative to `dir` (or absolute). Empty → the config file's list, else discovery. */
  specs?: string[];
  exclude?: string[];
  history?: boolean;
  /** `--env <mode>`: also resolve and check the environment's values. */
  envMode?: string;
  /** The environment to resolve from (the CLI passes its io.env). */
  processEnv?: NodeJS.ProcessEnv;
  incidentPlan?: string;
  now?: Date;
  /** Called while the file scan runs (the CLI draws a progress bar on large trees). */
  onProgress?: (done: number, total: number) => void;
}

/** Files larger than this are not scanned (lockfiles, bundles); secrets live in small files. */
export const MAX_SCAN_BYTES = 2 * 1024 * 1024;

const DEFAULT_PLAN = 'INCIDENT_RESPONSE.md';
const SPEC_NAME = /(^|\/)(openapi|swagger)([.-][^/]*)?\.(ya?ml|json)$/i;
const NOT_A_DEPLOYED_SPEC = /(^|\/)(test|tests|__tests__|fixtures|node_modules)\//;

/** Specs that describe the app: `openapi.*` / `swagger.*`, not test fixtures. */
export function discoverSpecs(files: string[]): string[] {
  return files.filter((f) => SPEC_NAME.test(f) && !NOT_A_DEPLOYED_SPEC.test(f));
}

/**
 * One open/fstat/read/close per file (the scan's whole cost on a large tree is these syscalls): undefined when
 * missing, larger than the cap, or binary (a NUL byte in the first 4 KiB).
 */
export function readSmallText(abs: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch {
    return undefined; // deleted in the work tree but still tracked: nothing to read
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_SCAN_BYTES) return undefined;
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    const data = buf.subarray(0, off);
    return data.subarray(0, 4096).includes(0) ? undefined : data.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function gitTopLevel(dir: string): string | undefined {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function buildContext(opts: AuditOptions): AuditContext {
  const dir = resolve(opts.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`not a directory: ${opts.dir}`);
  const config = readAuditConfig(dir);
  const inRepo = isGitRepo(dir);
  const exclude = [...(config.exclude ?? []), ...(opts.exclude ?? [])];
  const files = inRepo ? trackedFiles(dir, exclude) : walkFiles(dir);

  // Not cached: the secrets scan reads each file once, and a large tree's contents need not stay in memory.
  const readText = (rel: string): string | undefined => readSmallText(join(dir, rel));

  const specPaths = opts.specs?.length ? opts.specs : (config.specs ?? discoverSpecs(files));
  const specs = specPaths.map((p) => {
    const abs = resolve(dir, p);
    if (!existsSync(abs)) throw new UsageError(`spec not found: ${p}`);
    return loadSpecDocument(abs, relative(dir, abs).split(sep).join('/'));
  });

  // .env.example files at or above a folder, nearest first, up to the repository root (or the audited dir).
  const top = (inRepo && gitTopLevel(dir)) || dir;
  const exampleCache = new Map<string, EnvExample[]>();
  const envExamplesUp = (folder: string): EnvExample[] => {
    const cached = exampleCache.get(folder);
    if (cached) return cached;
    const found: EnvExample[] = [];
    for (let abs = resolve(dir, folder); ; abs = dirname(abs)) {
      const candidate = join(abs, '.env.example');
      if (existsSync(candidate)) {
        found.push(
          parseEnvExample(relative(dir, candidate).split(sep).join('/'), readFileSync(candidate, 'utf8')),
        );
      }
      if (abs === top || abs === dirname(abs) || !abs.startsWith(top)) break;
    }
    exampleCache.set(folder, found);
    return found;
  };
  const planPath = posix.normalize(opts.incidentPlan ?? config.incidentPlan ?? DEFAULT_PLAN);
  // A monorepo keeps one plan at its root: without an explicit path, fall back to the repository root's.
  const rootPlan = relative(dir, join(top, DEFAULT_PLAN)).split(sep).join('/');
  const explicitPlan = opts.incidentPlan ?? config.incidentPlan;
  const incidentPlan =
    !explicitPlan && !existsSync(join(dir, planPath)) && existsSync(join(top, DEFAULT_PLAN))
      ? rootPlan
      : planPath;

  return {
    dir,
    isGitRepo: inRepo,
    files,
    exclude,
    readText,
    specs,
    envExampleFor: (folder) => envExamplesUp(folder)[0],
    envExamplesUp,
    env: opts.envMode ? resolveEnv(dir, opts.envMode, opts.processEnv ?? {}) : undefined,
    history: opts.history ?? false,
    incidentPlan,
    onProgress: opts.onProgress,
    now: opts.now ?? new Date(),
  };
}
