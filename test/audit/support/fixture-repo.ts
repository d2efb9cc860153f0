/**
 * Builds a throw-away git repository from fixture files: test/fixtures/audit/base plus an overlay
 * (test/fixtures/audit/<check>/<pass|fail>). Fixture files cannot be committed as what they stand for (our own
 * audit would fail on them, and .gitignore would hide them), so when copied:
 *   - a path segment `dot.x` becomes `.x`, a trailing `.fixture` is dropped (`server.key.fixture` → `server.key`);
 *   - `{{TOKEN}}` is replaced with a value generated now (real-looking provider keys, a PEM key, dates);
 *   - an overlay file `fixture.remove` lists base paths (after renaming) to delete;
 *   - `x.merge.yaml` is deep-merged into `x.yaml` (maps merge, lists replace, `null` deletes), so a spec fixture
 *     states only what differs from the base spec.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { isPlaceholder } from '../../../src/audit/scan/patterns.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/audit');

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Random base62 that does not happen to look like a stand-in (the audit would rightly skip those). */
export function randomAlnum(n: number): string {
  for (;;) {
    const s = [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length]).join('');
    if (!isPlaceholder(s)) return s;
  }
}

/** Secret-shaped values, built at run time so no real-looking key is ever committed to this repository. */
export function makeTokens(now = new Date()): Record<string, string> {
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString()
    .trimEnd();
  return {
    STRIPE_LIVE_KEY: `${['sk', 'live'].join('_')}_${randomAlnum(32)}`,
    STRIPE_TEST_KEY: `${['sk', 'test'].join('_')}_${randomAlnum(32)}`,
    STRIPE_PK_LIVE: `${['pk', 'live'].join('_')}_${randomAlnum(32)}`,
    WHSEC: `${'whsec'}_${randomAlnum(32)}`,
    SQUARE_TOKEN: `${'EAAA'}${randomAlnum(60)}`,
    PAYPAL_CLIENT_ID: `A${randomAlnum(79)}`,
    PAYPAL_SECRET: `E${randomAlnum(79)}`,
    PRIVATE_KEY: pem,
    ENC_KEY: randomBytes(32).toString('base64'),
    BLIND_KEY: randomBytes(32).toString('base64'),
    NOW: now.toISOString(),
    OLD: new Date(now.getTime() - 200 * 86_400_000).toISOString(),
  };
}

function renamed(rel: string): string {
  return rel
    .split('/')
    .map((seg) => (seg.startsWith('dot.') ? `.${seg.slice(4)}` : seg))
    .join('/')
    .replace(/\.fixture$/, '');
}

function merge(base: unknown, over: unknown): unknown {
  const isMap = (v: unknown): v is Record<string, unknown> =>
    Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(base) || !isMap(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = merge(base[k], v);
  }
  return out;
}

function copyTree(from: string, to: string, tokens: Record<string, string>): string[] {
  const removals: string[] = [];
  const visit = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) {
        visit(p);
        continue;
      }
      const rel = relative(from, p).split(sep).join('/');
      if (rel === 'fixture.remove') {
        removals.push(...readFileSync(p, 'utf8').split('\n').filter(Boolean));
        continue;
      }
      const text = readFileSync(p, 'utf8').replace(
        /\{\{([A-Z_]+)\}\}/g,
        (m, name: string) => tokens[name] ?? m,
      );
      if (rel.endsWith('.merge.yaml')) {
        const target = join(to, renamed(rel.replace(/\.merge\.yaml$/, '.yaml')));
        writeFileSync(target, stringify(merge(parse(readFileSync(target, 'utf8')), parse(text))));
        continue;
      }
      const target = join(to, renamed(rel));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  };
  visit(from);
  return removals;
}

export interface FixtureRepo {
  dir: string;
  tokens: Record<string, string>;
  git(...args: string[]): string;
  cleanup(): void;
}

/** A committed repository from base + overlays (overlay names relative to test/fixtures/audit). */
export function fixtureRepo(
  overlays: string[],
  opts: { base?: boolean; commit?: boolean; now?: Date; forceAdd?: string[] } = {},
): FixtureRepo {
  const dir = mkdtempSync(join(tmpdir(), 'uigen-audit-fixture-'));
  const tokens = makeTokens(opts.now);
  const layers = [...(opts.base === false ? [] : ['base']), ...overlays];
  for (const layer of layers) {
    const src = join(FIXTURES, layer);
    if (!existsSync(src)) throw new Error(`no fixture ${layer}`);
    for (const r of copyTree(src, dir, tokens)) rmSync(join(dir, r), { recursive: true, force: true });
  }
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      // No background gc: it could still be writing into .git when cleanup removes the directory.
      [
        '-c',
        'user.email=audit@test',
        '-c',
        'user.name=audit',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'gc.auto=0',
        ...args,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
  git('init', '-q');
  if (opts.commit !== false) {
    git('add', '-A');
    // Fixtures may deliberately commit what their own .gitignore excludes (e.g. a tracked .env).
    if (opts.forceAdd?.length) git('add', '-f', '--', ...opts.forceAdd);
    git('commit', '-q', '--allow-empty', '-m', 'fixture');
  }
  return { dir, tokens, git, cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }) };
}

/** 1-based line of the first line containing `needle` in a file of the repo (evidence assertions). */
export function lineIn(repo: FixtureRepo, file: string, needle: string): number {
  const idx = readFileSync(join(repo.dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  if (idx < 0) throw new Error(`${needle} not in ${file}`);
  return idx + 1;
}
