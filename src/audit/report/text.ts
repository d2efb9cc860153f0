/** Human report: one line per check, evidence as `file:line` under a warn/fail, then the fix. */
import { redactString } from '../../redact.ts';
import type { AuditReport, Verdict } from '../types.ts';

const LABEL: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

export function formatText(report: AuditReport): string {
  const lines: string[] = [];
  lines.push(`uigen-pay audit ${report.dir}`);
  lines.push(`spec: ${report.specs.length ? report.specs.join(', ') : '(none found)'}`);
  lines.push('');
  const width = Math.max(...report.results.map((r) => r.id.length), 8);
  for (const r of report.results) {
    lines.push(`${LABEL[r.verdict]}  ${r.id.padEnd(width)}  ${r.title}${r.note ? ` — ${r.note}` : ''}`);
    for (const f of r.findings) {
      lines.push(
        `      ${f.location.file}:${f.location.line}  ${f.verdict === 'warn' && r.verdict === 'fail' ? '(warn) ' : ''}${f.message}`,
      );
    }
    if (r.verdict !== 'pass') lines.push(`      fix: ${r.fix}`);
  }
  const { pass, warn, fail } = report.counts;
  lines.push('');
  lines.push(`${report.results.length} checks: ${pass} passed, ${warn} warned, ${fail} failed`);
  // Defence in depth: findings are redacted at the source; scrub once more before anything is printed.
  return redactString(lines.join('\n'));
}
