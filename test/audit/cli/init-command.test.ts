/** `uigen-pay init` then `uigen-pay audit` on a fresh repository holding only a spec. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../../src/cli/main.ts';

const SPEC = `openapi: 3.0.3
info:
  title: Notes
  version: 1.0.0
# keep this comment
paths:
  /notes:
    get:
      responses:
        '200':
          description: ok
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uigen-init-'));
  dirs.push(dir);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  writeFileSync(join(dir, 'openapi.yaml'), SPEC);
  return dir;
}

async function cli(argv: string[], cwd: string) {
  const out: string[] = [];
  const code = await main(argv, {
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    isTTY: false,
    env: {},
    cwd,
  });
  return { code, out: out.join('\n') };
}

describe('uigen-pay init', () => {
  it('then audit passes on a fresh repository holding only a spec', async () => {
    const dir = freshRepo();
    const init = await cli(['init'], dir);
    expect(init.code).toBe(0);
    for (const f of ['.gitignore', '.env.example', 'INCIDENT_RESPONSE.md', '.env.local', '.uigen/keys.json'])
      expect(existsSync(join(dir, f))).toBe(true);
    const audit = await cli(['audit'], dir);
    expect(audit.out).toContain('0 failed');
    expect(audit.code).toBe(0);
  });

  it('writes real keys, placeholders for every spec variable, and a starter block that keeps comments', async () => {
    const dir = freshRepo();
    await cli(['init', '--spec', 'openapi.yaml'], dir);
    const local = readFileSync(join(dir, '.env.local'), 'utf8');
    const enc = /^UIGEN_ENCRYPTION_KEYS=k1:(.+)$/m.exec(local)?.[1] ?? '';
    const blind = /^UIGEN_BLIND_INDEX_KEY=(.+)$/m.exec(local)?.[1] ?? '';
    expect(Buffer.from(enc, 'base64')).toHaveLength(32);
    expect(Buffer.from(blind, 'base64')).toHaveLength(32);
    expect(enc).not.toBe(blind);
    expect(statSync(join(dir, '.env.local')).mode & 0o077).toBe(0);
    const spec = readFileSync(join(dir, 'openapi.yaml'), 'utf8');
    expect(spec).toContain('# keep this comment');
    expect(parse(spec)['x-uigen-payments'].providers[0].apiKey).toBe('${STRIPE_SECRET_KEY}');
    const example = readFileSync(join(dir, '.env.example'), 'utf8');
    for (const v of [
      'STRIPE_SECRET_KEY',
      'STRIPE_PUBLISHABLE_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'UIGEN_ENCRYPTION_KEYS',
      'UIGEN_BLIND_INDEX_KEY',
    ]) {
      expect(example).toMatch(new RegExp(`^${v}=`, 'm'));
    }
    expect(example).not.toContain(enc);
    const keys = JSON.parse(readFileSync(join(dir, '.uigen/keys.json'), 'utf8'));
    expect(keys.keys[0].kid).toBe('k1');
    // The generated keys are ignored by git.
    expect(
      execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: dir, encoding: 'utf8' }),
    ).toMatch(/!! \.env\.local/);
  });

  it('never overwrites without --force, and keeps existing keys even with it', async () => {
    const dir = freshRepo();
    writeFileSync(join(dir, 'INCIDENT_RESPONSE.md'), '# ours\n');
    writeFileSync(join(dir, '.gitignore'), 'dist/\n.env\n');
    await cli(['init'], dir);
    expect(readFileSync(join(dir, 'INCIDENT_RESPONSE.md'), 'utf8')).toBe('# ours\n');
    const gitignore = readFileSync(join(dir, '.gitignore'), 'utf8');
    expect(gitignore.startsWith('dist/\n.env\n')).toBe(true);
    expect(gitignore.match(/^\.env$/gm)).toHaveLength(1);
    const localBefore = readFileSync(join(dir, '.env.local'), 'utf8');
    const second = await cli(['init', '--force'], dir);
    expect(second.out).toMatch(/skipped\s+\.env\.local/);
    expect(readFileSync(join(dir, '.env.local'), 'utf8')).toBe(localBefore);
    expect(readFileSync(join(dir, 'INCIDENT_RESPONSE.md'), 'utf8')).toContain('## 2. Contain');
    expect(second.out).toMatch(/skipped\s+openapi\.yaml\s+already has an x-uigen-payments block/);
  });

  it('adds the starter block to a JSON spec found under a folder, then audit passes', async () => {
    const dir = freshRepo();
    rmSync(join(dir, 'openapi.yaml'));
    writeFileSync(
      join(dir, 'api.json'),
      JSON.stringify({ openapi: '3.0.3', info: { title: 'J', version: '1' }, paths: {} }),
    );
    const init = await cli(['init', '--spec', 'api.json'], dir);
    expect(init.out).toMatch(/appended\s+api\.json/);
    const spec = JSON.parse(readFileSync(join(dir, 'api.json'), 'utf8'));
    expect(spec['x-uigen-payments'].providers[0].webhookSecret).toBe('${STRIPE_WEBHOOK_SECRET}');
    const audit = await cli(['audit', '--spec', 'api.json'], dir);
    expect(audit.code).toBe(0);
  });

  it('exits 2 for a missing spec or directory', async () => {
    const dir = freshRepo();
    expect((await cli(['init', '--spec', 'nope.yaml'], dir)).code).toBe(2);
    expect((await cli(['init', join(dir, 'missing')], dir)).code).toBe(2);
  });
});
