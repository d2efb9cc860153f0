/** Checklist: "Webhook signatures verified" — every provider has the secret its signature check needs. */
import { fail } from '../finding.ts';
import { PROVIDER_FIELDS } from '../provider-fields.ts';
import { envReference, providerEntries } from '../spec-doc.ts';
import { noPaymentsNote, paymentSpecs } from '../spec-walk.ts';
import type { Check, Finding } from '../types.ts';

export const webhookSecretsCheck: Check = {
  id: 'webhook-secrets',
  title: 'Webhook secrets configured for every provider',
  checklist: 'Webhook signatures verified',
  fix: 'Set webhookSecret (Stripe), webhookId (PayPal) or webhookSignatureKey + webhookUrl (Square) to a ${VAR} and put the value from the provider dashboard in the environment.',
  run(ctx) {
    const specs = paymentSpecs(ctx);
    if (specs.length === 0) return { findings: [], note: noPaymentsNote(ctx) };
    const findings: Finding[] = [];
    let count = 0;
    for (const spec of specs) {
      for (const { index, entry } of providerEntries(spec)) {
        const rules = PROVIDER_FIELDS[String(entry.provider)];
        if (!rules) continue; // unknown providers are spec-valid's to report
        count++;
        const field = rules.webhookSecret;
        const raw = entry[field];
        const line = spec.lineOf([...spec.paymentsPath, 'providers', index, field]);
        const name = `providers[${index}] (${String(entry.provider)}).${field}`;
        if (raw === undefined || raw === null || raw === '') {
          findings.push(fail(`${name} is not configured: webhooks cannot be verified`, spec.file, line));
          continue;
        }
        const ref = envReference(raw);
        if (ref && ctx.env) {
          const value = ctx.env.values[ref];
          if (!value)
            findings.push(
              fail(`${name}: \${${ref}} is not set in the ${ctx.env.mode} environment`, spec.file, line),
            );
          else if (
            entry.provider === 'stripe' &&
            !value.split(',').every((s) => s.trim().startsWith('whsec_'))
          )
            findings.push(
              fail(
                `${name}: \${${ref}} does not look like a Stripe signing secret (whsec_…)`,
                spec.file,
                line,
              ),
            );
        }
        if (entry.provider === 'square' && !entry.webhookUrl)
          findings.push(
            fail(
              `providers[${index}] (square).webhookUrl is required: Square signs over it`,
              spec.file,
              spec.lineOf([...spec.paymentsPath, 'providers', index]),
            ),
          );
      }
    }
    return { findings, note: `${count} provider(s) checked` };
  },
};
