/**
 * Checklist: "Rate limiting enabled". The server always rate-limits; the spec may tune it. A tuning that
 * turns it off or makes it meaningless is what we flag.
 */
import { fail, warn } from '../finding.ts';
import { asRecord } from '../spec-doc.ts';
import { noPaymentsNote, paymentSpecs } from '../spec-walk.ts';
import type { Check, Finding } from '../types.ts';

/** DESIGN.md: checkout 5/min per user by default. Above these a limit no longer slows card testing down. */
export const LIMITS = {
  checkoutPerMinute: { default: 5, max: 60 },
  apiPerMinute: { default: 120, max: 1000 },
} as const;

export const rateLimitCheck: Check = {
  id: 'rate-limit',
  title: 'Rate limiting not disabled or absurd',
  checklist: 'Rate limiting enabled',
  fix: `Remove \`enabled: false\` and keep x-uigen-payments.rateLimit.checkoutPerMinute ≤ ${LIMITS.checkoutPerMinute.max} (default ${LIMITS.checkoutPerMinute.default}).`,
  run(ctx) {
    const specs = paymentSpecs(ctx);
    if (specs.length === 0) return { findings: [], note: noPaymentsNote(ctx) };
    const findings: Finding[] = [];
    for (const spec of specs) {
      const path = [...spec.paymentsPath, 'rateLimit'];
      const block = asRecord(spec.payments.rateLimit);
      if (!block) continue;
      if (block.enabled === false)
        findings.push(fail('rateLimit.enabled is false', spec.file, spec.lineOf([...path, 'enabled'])));
      for (const [field, bound] of Object.entries(LIMITS)) {
        const v = block[field];
        if (v === undefined) continue;
        const line = spec.lineOf([...path, field]);
        if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
          findings.push(fail(`rateLimit.${field} must be a positive number`, spec.file, line));
        else if (v > bound.max)
          findings.push(
            warn(
              `rateLimit.${field} is ${v}/min (more than ${bound.max}/min barely limits abuse)`,
              spec.file,
              line,
            ),
          );
      }
    }
    return {
      findings,
      note: `defaults apply where unset (checkout ${LIMITS.checkoutPerMinute.default}/min per user)`,
    };
  },
};
