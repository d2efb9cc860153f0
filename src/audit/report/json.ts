/** Machine report: the `AuditReport` as JSON (stable field names; scrubbed like every other output). */
import { redact } from '../../redact.ts';
import type { AuditReport } from '../types.ts';

export function formatJson(report: AuditReport): string {
  return JSON.stringify(redact({ ...report, ok: report.counts.fail === 0 }), null, 2);
}
