/**
 * Checklist: "Incident response plan documented" — the plan exists and covers the guide's six steps
 * (a missing step is a warning: the plan is there but incomplete).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, warn } from '../finding.ts';
import type { Check, Finding } from '../types.ts';

export const IR_STEPS = ['detect', 'contain', 'investigate', 'notify', 'recover', 'learn'] as const;

export const incidentResponseCheck: Check = {
  id: 'incident-response',
  title: 'Incident response plan documented',
  checklist: 'Incident response plan documented',
  fix: 'Run `uigen-pay init` for an INCIDENT_RESPONSE.md template (detect, contain, investigate, notify, recover, learn) and fill in names and contacts.',
  run(ctx) {
    const file = ctx.incidentPlan;
    const abs = join(ctx.dir, file);
    if (!existsSync(abs)) return [fail('no incident response plan', file, 1)];
    const text = readFileSync(abs, 'utf8').toLowerCase();
    const findings: Finding[] = [];
    const missing = IR_STEPS.filter((s) => !text.includes(s));
    if (missing.length > 0) findings.push(warn(`the plan does not cover: ${missing.join(', ')}`, file, 1));
    return { findings, note: file };
  },
};
