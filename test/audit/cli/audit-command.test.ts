/** `uigen-pay audit` through the real CLI dispatcher: exit codes, formats, redaction. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { repo } from '../support/audit-check.ts';
import { sarifLog } from '../support/sarif-schema.ts';

async function cli(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    isTTY: false,
    env: {},
    cwd,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('uigen-pay audit', () => {
  it('exits 1 on a committed sk_live_ key and never prints the full key, in any format', async () => {
    const r = repo(['secrets/fail']);
    const key = r.tokens.STRIPE_LIVE_KEY;
    for (const format of ['text', 'json', 'sarif']) {
      const res = await cli(['audit', '--format', format], r.dir);
      expect(res.code).toBe(1);
      expect(res.out + res.err).not.toContain(key);
      expect(res.out).toContain(`…${key.slice(-4)}`);
    }
    const text = await cli(['audit'], r.dir);
    expect(text.out).toMatch(/FAIL {2}secrets/);
    expect(text.out).toContain('src/config.ts:2');
  });

  it('exits 0 with warnings, 1 with --strict', async () => {
    const r = repo(['monitoring/warn']);
    expect((await cli(['audit'], r.dir)).code).toBe(0);
    expect((await cli(['audit', '--strict'], r.dir)).code).toBe(1);
  });

  it('audits a directory argument and an explicit --spec; SARIF output parses', async () => {
    const r = repo([]);
    const res = await cli(['audit', r.dir, '--spec', `${r.dir}/openapi.yaml`, '--format', 'sarif'], '/');
    expect(res.code).toBe(0);
    expect(() => sarifLog.parse(JSON.parse(res.out))).not.toThrow();
  });

  it('--output writes the report to a file and prints a one-line summary', async () => {
    const r = repo(['secrets/fail']);
    const res = await cli(['audit', '--format', 'json', '--output', 'audit.json'], r.dir);
    expect(res.code).toBe(1);
    expect(res.out).toBe('');
    expect(res.err).toMatch(/report written to audit\.json \(1 failed/);
    const report = JSON.parse(readFileSync(join(r.dir, 'audit.json'), 'utf8'));
    expect(report.ok).toBe(false);
    expect(report.results.find((x: { id: string }) => x.id === 'secrets').verdict).toBe('fail');
  });

  it('exits 2 on usage errors', async () => {
    const r = repo([]);
    expect((await cli(['audit', '--format', 'xml'], r.dir)).code).toBe(2);
    expect((await cli(['audit', '--bogus'], r.dir)).code).toBe(2);
    expect((await cli(['audit', '--check', 'nope'], r.dir)).code).toBe(2);
    expect((await cli(['audit', '--spec', 'missing.yaml'], r.dir)).code).toBe(2);
    expect((await cli(['audit', 'a', 'b'], r.dir)).code).toBe(2);
    expect((await cli(['audit', '--env', '../prod'], r.dir)).code).toBe(2);
  });
});
