/** Runs the registered checks over one context and folds their findings into a report. */
import { redactString } from '../redact.ts';
import { CHECKS } from './checks/index.ts';
import { type AuditOptions, buildContext } from './context.ts';
import { fail } from './finding.ts';
import type { AuditContext, AuditReport, Check, CheckResult, Verdict } from './types.ts';

export async function runCheck(check: Check, ctx: AuditContext): Promise<CheckResult> {
  let out: Awaited<ReturnType<Check['run']>>;
  try {
    out = await check.run(ctx);
  } catch (err) {
    // A check that cannot run has not passed: report it as a failure rather than dropping it.
    out = [
      fail(
        `check could not run: ${redactString(String((err as Error)?.message ?? err).split('\n')[0])}`,
        '.',
        1,
      ),
    ];
  }
  const { findings, note } = Array.isArray(out) ? { findings: out, note: undefined } : out;
  const verdict: Verdict = findings.some((f) => f.verdict === 'fail')
    ? 'fail'
    : findings.length > 0
      ? 'warn'
      : 'pass';
  return { id: check.id, title: check.title, verdict, findings, note, fix: check.fix };
}

/**
 * Audits a directory. `only` limits the run to some check ids (tests, `--check`).
 * Throws UsageError for a bad directory, spec path or .uigen-audit.json.
 */
export async function runAudit(opts: AuditOptions & { only?: string[] }): Promise<AuditReport> {
  const ctx = buildContext(opts);
  const checks = opts.only?.length ? CHECKS.filter((c) => opts.only?.includes(c.id)) : CHECKS;
  const results: CheckResult[] = [];
  for (const check of checks) results.push(await runCheck(check, ctx));
  const counts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0 };
  for (const r of results) counts[r.verdict]++;
  return { dir: ctx.dir, specs: ctx.specs.map((s) => s.file), results, counts };
}

/** 0 ok, 1 a check failed (or warned, with `strict`). */
export function exitCodeFor(report: AuditReport, strict: boolean): number {
  return report.counts.fail > 0 || (strict && report.counts.warn > 0) ? 1 : 0;
}
