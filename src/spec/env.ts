/**
 * `${VAR}` / `${VAR:-default}` resolution and `.env` loading. With settings.ts, the only module that reads
 * `process.env`; everything else takes an env record as a parameter.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';

export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** The real process environment (the default for loaders; tests pass their own record). */
export function processEnv(): NodeJS.ProcessEnv {
  return process.env;
}

/** `.env` files in increasing precedence for `mode` (NODE_ENV, default development). */
export function dotenvFiles(mode: string): string[] {
  return ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`];
}

/**
 * Reads the `.env` files of `dir` for `mode`, later files winning, and returns them merged under `env`
 * (the real environment always wins). Returns only what the files and `env` define.
 */
export function loadDotenv(
  dir: string,
  mode: string,
  env: EnvRecord = {},
): Record<string, string | undefined> {
  const fromFiles: Record<string, string> = {};
  for (const name of dotenvFiles(mode)) {
    const file = join(dir, name);
    if (existsSync(file)) Object.assign(fromFiles, parseDotenv(readFileSync(file)));
  }
  return { ...fromFiles, ...definedOnly(env) };
}

/**
 * The environment a spec is resolved against: `.env` files of the spec's directory, then of the cwd (cwd
 * wins over the spec dir), then the real environment over both.
 */
export function resolveEnv(opts: { specDir: string; cwd: string; mode: string; env: EnvRecord }): EnvRecord {
  const specFiles = loadDotenv(opts.specDir, opts.mode);
  const cwdFiles = opts.cwd === opts.specDir ? {} : loadDotenv(opts.cwd, opts.mode);
  return Object.freeze({ ...specFiles, ...cwdFiles, ...definedOnly(opts.env) });
}

function definedOnly(env: EnvRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** One `${…}` reference found in a template. */
export interface EnvReference {
  name: string;
  /** Text after `:-`, when given. */
  fallback?: string;
}

export type Interpolation =
  | { ok: true; value: string; refs: EnvReference[]; missing: string[] }
  | { ok: false; error: string };

const REF = /\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Substitutes `${VAR}` and `${VAR:-default}` (default used when VAR is unset or empty, like the shell).
 * Unset variables without a default are listed in `missing` and substituted with ''.
 */
export function interpolate(template: string, env: EnvRecord): Interpolation {
  const refs: EnvReference[] = [];
  const missing: string[] = [];
  let bad: string | undefined;
  const value = template.replace(REF, (_m, body: string) => {
    const sep = body.indexOf(':-');
    const name = sep >= 0 ? body.slice(0, sep) : body;
    if (!NAME.test(name)) {
      bad ??= 'contains an invalid variable reference (expected ${NAME} or ${NAME:-default})';
      return '';
    }
    const fallback = sep >= 0 ? body.slice(sep + 2) : undefined;
    refs.push(fallback === undefined ? { name } : { name, fallback });
    const v = env[name];
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined) return fallback;
    if (v === undefined) missing.push(name);
    return '';
  });
  if (bad) return { ok: false, error: bad };
  // A `${` left after substitution has no closing brace.
  if (template.replace(REF, '').includes('${')) {
    return { ok: false, error: "has an unterminated '${' (missing '}')" };
  }
  return { ok: true, value, refs, missing };
}

/** True when `template` is exactly one `${NAME}` reference and nothing else. */
export function isPureReference(template: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(template);
}
