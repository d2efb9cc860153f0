/**
 * Checklist: "API keys stored in environment variables" — in the spec, every secret is a `${VAR}` reference,
 * and every variable the payments block references is listed in `.env.example` (so a deploy knows to set it).
 */
import { posix } from 'node:path';
import { fail } from '../finding.ts';
import { PROVIDER_FIELDS, SINK_SECRET_FIELDS } from '../provider-fields.ts';
import { asRecord, envReference, envReferencesIn, type PathSegment } from '../spec-doc.ts';
import { noPaymentsNote, paymentSpecs, walkStrings } from '../spec-walk.ts';
import type { Check, Finding } from '../types.ts';

export const specEnvRefsCheck: Check = {
  id: 'spec-env-refs',
  title: 'Spec secrets are ${VAR} references listed in .env.example',
  checklist: 'API keys stored in environment variables',
  fix: 'Replace literal secrets with ${VAR} references, set the values in the environment, and list every variable in .env.example (`uigen-pay init --force` regenerates it).',
  run(ctx) {
    const specs = paymentSpecs(ctx);
    if (specs.length === 0) return { findings: [], note: noPaymentsNote(ctx) };
    const findings: Finding[] = [];
    for (const spec of specs) {
      const literal = (path: PathSegment[], field: string) =>
        findings.push(
          fail(
            `${field} is a literal value; it must be a \${VAR} reference (value not shown)`,
            spec.file,
            spec.lineOf(path),
          ),
        );
      const providers = Array.isArray(spec.payments.providers) ? spec.payments.providers : [];
      providers.forEach((p, i) => {
        const entry = asRecord(p);
        const rules = PROVIDER_FIELDS[String(entry?.provider)];
        for (const field of rules?.secrets ?? []) {
          const v = entry?.[field];
          if (v !== undefined && v !== null && !envReference(v))
            literal([...spec.paymentsPath, 'providers', i, field], `providers[${i}].${field}`);
        }
      });
      const sinks = asRecord(spec.payments.alerts)?.sinks;
      (Array.isArray(sinks) ? sinks : []).forEach((s, i) => {
        const sink = asRecord(s);
        for (const field of SINK_SECRET_FIELDS[String(sink?.type)] ?? []) {
          const v = sink?.[field];
          if (typeof v === 'string' && envReferencesIn(v).length === 0)
            literal([...spec.paymentsPath, 'alerts', 'sinks', i, field], `alerts.sinks[${i}].${field}`);
        }
      });
      const example = ctx.envExampleFor(posix.dirname(spec.file));
      if (!example) continue; // env-example reports the missing file once
      const reported = new Set<string>();
      walkStrings(spec.payments, spec.paymentsPath, (s, path) => {
        for (const name of envReferencesIn(s)) {
          if (example.vars.has(name) || reported.has(name)) continue;
          reported.add(name);
          findings.push(fail(`\${${name}} is not listed in ${example.file}`, spec.file, spec.lineOf(path)));
        }
      });
    }
    return { findings, note: `${specs.length} spec(s) checked` };
  },
};
