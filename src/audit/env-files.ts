/**
 * `.env`-style files as the audit reads them: `.env.example` with line numbers (evidence), and — only with
 * `--env <mode>` — the resolved values the server would see (process env over `.env`, `.env.local`,
 * `.env.<mode>`, `.env.<mode>.local`, the same precedence as spec/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { dotenvFiles, loadDotenv } from '../spec/env.ts';

export interface EnvExample {
  file: string;
  vars: Map<string, { value: string; line: number }>;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

export function parseEnvExample(file: string, text: string): EnvExample {
  const vars = new Map<string, { value: string; line: number }>();
  text.split('\n').forEach((raw, i) => {
    const m = LINE.exec(raw);
    if (!m || raw.trimStart().startsWith('#')) return;
    let value = m[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    value = quoted ? quoted[2] : value.replace(/\s+#.*$/, '');
    vars.set(m[1], { value, line: i + 1 });
  });
  return { file, vars };
}

export interface ResolvedEnv {
  mode: string;
  values: Record<string, string | undefined>;
  /** Variable → where its value came from (`environment` or a file name); never the value. */
  sources: Record<string, string>;
}

export function resolveEnv(dir: string, mode: string, processEnv: NodeJS.ProcessEnv): ResolvedEnv {
  const values = loadDotenv(dir, mode, processEnv);
  const sources: Record<string, string> = {};
  // Same precedence as spec/: the last file defining a variable wins, the real environment over all.
  for (const name of dotenvFiles(mode)) {
    const p = join(dir, name);
    if (existsSync(p)) for (const k of Object.keys(parse(readFileSync(p)))) sources[k] = name;
  }
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) sources[k] = 'environment';
  return { mode, values, sources };
}
