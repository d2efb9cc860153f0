import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../src/audit/checks/index.ts';
import { toSarif } from '../../../src/audit/report/sarif.ts';
import { runAudit } from '../../../src/audit/run.ts';
import { repo } from '../support/audit-check.ts';
import { sarifLog } from '../support/sarif-schema.ts';

describe('SARIF report', () => {
  it('validates against the SARIF 2.1.0 required structure, one result per finding, rule indexes consistent', async () => {
    const r = repo(['secrets/fail', 'rate-limit/warn']);
    const report = await runAudit({ dir: r.dir, processEnv: {} });
    const sarif = toSarif(report, '0.1.0');
    const parsed = sarifLog.parse(sarif);
    const run = parsed.runs[0];
    expect(run.tool.driver.rules.map((x) => x.id)).toEqual(CHECKS.map((c) => c.id));
    const findings = report.results.flatMap((x) => x.findings);
    expect(run.results).toHaveLength(findings.length);
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex ?? -1].id).toBe(res.ruleId);
    const secret = run.results.find(
      (x) => x.locations[0].physicalLocation.artifactLocation.uri === 'src/config.ts',
    );
    expect(secret).toMatchObject({ ruleId: 'secrets', level: 'error' });
    expect(secret?.locations[0].physicalLocation.region.startLine).toBe(2);
    expect(run.results.find((x) => x.ruleId === 'rate-limit')?.level).toBe('warning');
    expect(JSON.stringify(sarif)).not.toContain(r.tokens.STRIPE_LIVE_KEY);
  });

  it('has no results for a clean repository', async () => {
    const report = await runAudit({ dir: repo([]).dir, processEnv: {} });
    expect(report.counts.fail).toBe(0);
    const run = sarifLog.parse(toSarif(report, '0.1.0')).runs[0];
    expect(run.results.every((x) => x.level === 'warning')).toBe(true);
  });
});
