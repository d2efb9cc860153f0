/**
 * DESIGN.md § CLI: verbs, `--help`, exit codes (0 ok, 1 failed, 2 usage) and `validate`'s spec rules, run as a
 * user runs them — `node bin/uigen-pay.js …` in a temp cwd with an explicit env.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT, removeDir, runCli, serveEnv, tempDir } from './support.ts';

const VERBS = ['validate', 'serve', 'dev', 'worker', 'audit', 'init', 'gdpr', 'retention', 'keys', 'audit-log', 'webhooks', 'db'];
const VALID = readFileSync(join(ROOT, 'test/fixtures/specs/valid.yaml'), 'utf8');

/** The valid fixture with its x-uigen-payments block moved under `info` (UIGen's other placement). */
function underInfo(spec: string): string {
  const lines = spec.split('\n');
  const start = lines.findIndex((l) => l.startsWith('x-uigen-payments:'));
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  const block = lines.slice(start, end).map((l) => `  ${l}`);
  const rest = [...lines.slice(0, start), ...lines.slice(end)];
  const info = rest.findIndex((l) => l.startsWith('info:'));
  rest.splice(info + 1, 0, ...block);
  return rest.join('\n');
}

// Child processes are slow on a loaded 2-core machine; the CLI's own start-up dominates every case.
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
const env = serveEnv();
const cli = (args: string[]) => runCli(args, { cwd: dir, env });

beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'good.yaml'), VALID);
  writeFileSync(join(dir, 'info.yaml'), underInfo(VALID));
  writeFileSync(join(dir, 'both.yaml'), underInfo(VALID).replace(/^paths:/m, `${VALID.slice(VALID.indexOf('x-uigen-payments:'), VALID.indexOf('paths:'))}paths:`));
});
afterAll(() => removeDir(dir));

describe.concurrent('uigen-pay usage', () => {
  it('no arguments prints usage and exits 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/Usage: uigen-pay/);
  });

  it('an unknown verb exits 2 and names it', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('frobnicate');
  });

  it('--help exits 0 and lists every contract verb', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const verb of VERBS) expect(r.stdout).toMatch(new RegExp(`^\\s+${verb}\\s`, 'm'));
  });

  it.each(VERBS)('%s --help exits 0 with a usage text', async (verb) => {
    const r = await cli([verb, '--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/usage/i);
  });
});

describe.concurrent('uigen-pay validate', () => {
  it('a good spec exits 0', async () => {
    const r = await cli(['validate', 'good.yaml']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('x-uigen-payments under info is accepted', async () => {
    const r = await cli(['validate', 'info.yaml']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('x-uigen-payments both at the root and under info is an error (exit 1)', async () => {
    const r = await cli(['validate', 'both.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/E_PAYMENTS_DUPLICATE|keep exactly one/);
  });

  it('a literal secret fails (exit 1), names the field and never prints the value', async () => {
    const secret = 'sk_test_51LiteralSecretValueThatMustNotLeak0000';
    writeFileSync(join(dir, 'literal.yaml'), VALID.replace('${STRIPE_SECRET_KEY}', secret));
    const r = await cli(['validate', 'literal.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/apiKey/);
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('a missing file exits 1', async () => {
    const r = await cli(['validate', 'nope.yaml']);
    expect(r.code).toBe(1);
  });

  it('no file argument is a usage error (exit 2)', async () => {
    const r = await cli(['validate']);
    expect(r.code).toBe(2);
  });
});

describe('uigen-pay serve usage', () => {
  it('without --spec exits 2', async () => {
    const r = await cli(['serve']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--spec/);
  });
});

describe('uigen-pay init then audit', () => {
  it('init writes .env.example, .gitignore lines and INCIDENT_RESPONSE.md; audit exits 0/1 by its checks', async () => {
    const proj = tempDir('uigen-contract-init-');
    try {
      const pEnv = { PATH: process.env.PATH, NODE_ENV: 'test' };
      writeFileSync(join(proj, 'openapi.yaml'), VALID);
      const init = await runCli(['init'], { cwd: proj, env: pEnv });
      expect(init.code, init.stderr).toBe(0);
      expect(readFileSync(join(proj, '.env.example'), 'utf8')).toMatch(/STRIPE_WEBHOOK_SECRET/);
      expect(readFileSync(join(proj, '.gitignore'), 'utf8')).toMatch(/\.env/);
      expect(readFileSync(join(proj, 'INCIDENT_RESPONSE.md'), 'utf8').length).toBeGreaterThan(100);

      const sarif = await runCli(['audit', '.', '--format', 'sarif'], { cwd: proj, env: pEnv });
      expect([0, 1]).toContain(sarif.code);
      const log = JSON.parse(sarif.stdout);
      expect(log.version).toBe('2.1.0');
      expect(Array.isArray(log.runs)).toBe(true);

      const json = await runCli(['audit', '.', '--format', 'json'], { cwd: proj, env: pEnv });
      expect(() => JSON.parse(json.stdout)).not.toThrow();

      // A committed-looking literal secret key must fail the audit.
      writeFileSync(join(proj, 'config.js'), `export const key = 'sk_live_${'a1B2c3D4e5'.repeat(3)}';\n`);
      const bad = await runCli(['audit', '.'], { cwd: proj, env: pEnv });
      expect(bad.code, bad.stdout).toBe(1);

      const usage = await runCli(['audit', '.', '--format', 'xml'], { cwd: proj, env: pEnv });
      expect(usage.code).toBe(2);
    } finally {
      removeDir(proj);
    }
  });
});
