/** Done-when: our own repository and its examples pass our own audit (warnings allowed). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/audit/run.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('uigen-pay audit on this repository', () => {
  it.each(['.', 'examples'])('%s has no failed check', async (sub) => {
    const report = await runAudit({ dir: join(ROOT, sub), processEnv: {} });
    const failed = report.results
      .filter((r) => r.verdict === 'fail')
      .map((r) => `${r.id}: ${r.findings.map((f) => f.message).join('; ')}`);
    expect(failed).toEqual([]);
    expect(report.specs.length).toBeGreaterThan(0);
  });
});
