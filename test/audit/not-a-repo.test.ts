/** Outside git the audit still works: files come from a walk, .gitignore is judged by a scratch repository. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.ts';
import { randomAlnum } from './support/fixture-repo.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('audit outside a git repository', () => {
  it('scans files on disk (not node_modules) and asks git check-ignore about .gitignore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uigen-audit-plain-'));
    dirs.push(dir);
    const key = `${['sk', 'live'].join('_')}_${randomAlnum(30)}`;
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(dir, 'src', 'pay.ts'), `\nconst k = '${key}';\n`);
    writeFileSync(join(dir, 'node_modules', 'dep', 'index.js'), `const k = '${key}';\n`);
    writeFileSync(join(dir, '.gitignore'), '.env\n.env.local\n.env.*.local\n*.key\n');
    const report = await runAudit({ dir, processEnv: {}, only: ['secrets', 'gitignore'] });
    const [secrets, gitignore] = report.results;
    expect(secrets.findings.map((f) => `${f.location.file}:${f.location.line}`)).toEqual(['src/pay.ts:2']);
    expect(secrets.note).toContain('not a git repository');
    expect(gitignore.findings.map((f) => f.message)).toEqual(["'server.pem' is not ignored (add '*.pem')"]);
    expect(JSON.stringify(report)).not.toContain(key);
  });
});
