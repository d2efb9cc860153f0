/**
 * `uigen-pay audit` over a generated 10,000-file repository (issue target: under 5 s). The tree mixes source
 * files, docs quoting placeholder keys and one committed live-looking key, so the scan does real matching work.
 * Baseline (same run): just reading every tracked file, to show what the checks add on top of I/O.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { trackedFiles } from '../src/audit/git.ts';
import { runAudit } from '../src/audit/run.ts';
import type { BenchRow } from './types.ts';

/** Writes the tree and commits it in one pack via fast-import (10,000 loose objects would dominate the run). */
function generate(dir: string, count: number): void {
  const filler =
    'export function handler(input: string): string {\n  return input.trim().toLowerCase();\n}\n'.repeat(20);
  const files: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    const doc =
      i % 50 === 0 ? '// set STRIPE_SECRET_KEY=sk_test_your_key_here, whsec_your_secret_here\n' : '';
    files.push([`src/m${i % 100}/f${i}.ts`, `${doc}${filler}// ${i}\n`]);
  }
  files.push([
    'src/leak.ts',
    `export const k = '${['sk', 'live'].join('_')}_${randomBytes(24).toString('hex')}';\n`,
  ]);
  files.push(['.gitignore', '.env\n.env.local\n.env.*.local\n*.key\n*.pem\n']);
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', ...args], {
      cwd: dir,
      input,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
  git(['init', '-q']);
  const stream = [
    'commit refs/heads/main',
    'committer bench <b@b> 0 +0000',
    'data 5',
    'bench',
    ...files.map(([rel, text]) => `M 100644 inline ${rel}\ndata ${Buffer.byteLength(text)}\n${text}`),
    '',
  ].join('\n');
  git(['fast-import', '--quiet'], stream);
  git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  git(['reset', '-q']);
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const count = quick ? 2_000 : 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'uigen-audit-bench-'));
  try {
    generate(dir, count);
    const t0 = performance.now();
    for (const f of trackedFiles(dir)) readFileSync(join(dir, f), 'utf8');
    const readMs = performance.now() - t0;

    const t1 = performance.now();
    const report = await runAudit({ dir, processEnv: {} });
    const seconds = (performance.now() - t1) / 1000;
    const secrets = report.results.find((r) => r.id === 'secrets');
    if (secrets?.verdict !== 'fail' || secrets.findings.length !== 1)
      throw new Error('bench tree: the planted key was not found exactly once');
    return [
      {
        name: `audit, all checks, ${count} tracked files (s)`,
        value: seconds,
        unit: 's',
        baseline: { name: 'read every tracked file (s)', value: readMs / 1000 },
        ratio: seconds / (readMs / 1000),
        target: '< 5 s',
        met: seconds < 5,
        note: 'ratio = audit / reading every file once in Node (lower is better; git grep pre-selects what the scan reads)',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
