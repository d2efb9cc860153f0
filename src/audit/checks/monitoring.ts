/**
 * Checklist: "Monitoring and alerts set up" — at least one alert sink that reaches a human (not only `log`).
 * Where the repository cannot show it (no sink configured in the spec: perhaps alerting lives elsewhere) this
 * is a warning, never a failure.
 */
import { warn } from '../finding.ts';
import { asRecord, envReferencesIn } from '../spec-doc.ts';
import { noPaymentsNote, paymentSpecs } from '../spec-walk.ts';
import type { Check, Finding } from '../types.ts';

export const monitoringCheck: Check = {
  id: 'monitoring',
  title: 'Alerts reach a human',
  checklist: 'Monitoring and alerts set up',
  fix: 'Add an alert sink other than log under x-uigen-payments.alerts.sinks (slack, webhook or email), e.g. `- { type: slack, url: ${SLACK_ALERT_WEBHOOK_URL} }`.',
  run(ctx) {
    const specs = paymentSpecs(ctx);
    if (specs.length === 0) return { findings: [], note: noPaymentsNote(ctx) };
    const findings: Finding[] = [];
    const kinds = new Set<string>();
    for (const spec of specs) {
      const path = [...spec.paymentsPath, 'alerts', 'sinks'];
      const raw = asRecord(spec.payments.alerts)?.sinks;
      const sinks = (Array.isArray(raw) ? raw : [])
        .map((s, i) => ({ sink: asRecord(s), i }))
        .filter(({ sink }) => sink && sink.type !== 'log');
      if (sinks.length === 0) {
        findings.push(
          warn(
            'no alert sink besides log: failed payments and webhook failures reach no one',
            spec.file,
            spec.lineOf(path),
          ),
        );
        continue;
      }
      for (const { sink, i } of sinks) {
        kinds.add(String(sink?.type));
        if (!ctx.env) continue;
        const unset = Object.values(sink ?? {})
          .flatMap((v) => (typeof v === 'string' ? envReferencesIn(v) : []))
          .filter((n) => !ctx.env?.values[n]);
        if (unset.length > 0)
          findings.push(
            warn(
              `alert sink ${String(sink?.type)}: ${unset.map((n) => `\${${n}}`).join(', ')} not set in ${ctx.env.mode}`,
              spec.file,
              spec.lineOf([...path, i]),
            ),
          );
      }
    }
    return { findings, note: kinds.size ? `sinks: ${[...kinds].join(', ')}` : undefined };
  },
};
