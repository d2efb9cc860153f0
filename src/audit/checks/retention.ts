/**
 * Checklist: "Data retention policy implemented". Defaults are sound (payments 7 years, webhook payloads 90
 * days, dedupe ids 30 days); an override that drops dedupe ids too early would let a late provider retry
 * apply twice, so that fails.
 */
import { fail } from '../finding.ts';
import { asRecord } from '../spec-doc.ts';
import { noPaymentsNote, paymentSpecs } from '../spec-walk.ts';
import type { Check, Finding } from '../types.ts';

export const RETENTION_DEFAULTS = {
  paymentsDays: 7 * 365,
  webhookPayloadDays: 90,
  dedupeDays: 30,
  auditLogDays: 7 * 365,
} as const;
export const MIN_DEDUPE_DAYS = 30;

export const retentionCheck: Check = {
  id: 'retention',
  title: 'Retention policy configured',
  checklist: 'Data retention policy implemented',
  fix: `Set x-uigen-payments.retention.dedupeDays ≥ ${MIN_DEDUPE_DAYS} (or remove it to use the defaults) and keep every period a positive number of days.`,
  run(ctx) {
    const specs = paymentSpecs(ctx);
    if (specs.length === 0) return { findings: [], note: noPaymentsNote(ctx) };
    const findings: Finding[] = [];
    let custom = false;
    for (const spec of specs) {
      const path = [...spec.paymentsPath, 'retention'];
      const block = asRecord(spec.payments.retention);
      if (!block) continue;
      custom = true;
      for (const field of Object.keys(RETENTION_DEFAULTS)) {
        const v = block[field];
        if (v === undefined) continue;
        const line = spec.lineOf([...path, field]);
        if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
          findings.push(fail(`retention.${field} must be a positive whole number of days`, spec.file, line));
        else if (field === 'dedupeDays' && v < MIN_DEDUPE_DAYS)
          findings.push(
            fail(
              `retention.dedupeDays is ${v}: providers retry for days, keep dedupe ids ≥ ${MIN_DEDUPE_DAYS}`,
              spec.file,
              line,
            ),
          );
      }
    }
    const d = RETENTION_DEFAULTS;
    return {
      findings,
      note: `${custom ? 'spec retention block' : 'defaults'}: payments ${d.paymentsDays} d, webhook payloads ${d.webhookPayloadDays} d, dedupe ${d.dedupeDays} d unless overridden`,
    };
  },
};
