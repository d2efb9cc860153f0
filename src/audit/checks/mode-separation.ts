/**
 * Seed guide: "Use different keys for test and production". Statically: every provider states its mode and
 * literal public keys agree with it; with `--env`: the resolved keys carry the mode's prefix, and a production
 * environment does not run test-mode providers (nor a development one live keys).
 */
import { fail, warn } from '../finding.ts';
import { normalizeMode, PROVIDER_FIELDS } from '../provider-fields.ts';
import { envReference, providerEntries } from '../spec-doc.ts';
import { noPaymentsNote, paymentSpecs } from '../spec-walk.ts';
import type { Check, Finding } from '../types.ts';

export const modeSeparationCheck: Check = {
  id: 'mode-separation',
  title: 'Test and live keys are kept apart',
  checklist: 'API keys stored in environment variables',
  fix: 'Give every provider an explicit mode (test|live), keep sk_test_/pk_test_ keys in development env files and live keys only in the production environment.',
  run(ctx) {
    const specs = paymentSpecs(ctx);
    if (specs.length === 0) return { findings: [], note: noPaymentsNote(ctx) };
    const findings: Finding[] = [];
    const production = ctx.env?.mode === 'production';
    for (const spec of specs) {
      const modes = new Set<string>();
      for (const { index, entry } of providerEntries(spec)) {
        const at = (field: string) => spec.lineOf([...spec.paymentsPath, 'providers', index, field]);
        const name = `providers[${index}] (${String(entry.provider)})`;
        const modeRef = envReference(entry.mode);
        const rawMode = modeRef ? ctx.env?.values[modeRef] : entry.mode;
        const mode = normalizeMode(rawMode);
        if (!mode) {
          if (!modeRef || ctx.env)
            findings.push(fail(`${name}: mode must be test or live`, spec.file, at('mode')));
          continue;
        }
        modes.add(mode);
        if (production && mode === 'test')
          findings.push(
            warn(`${name} runs in test mode in the production environment`, spec.file, at('mode')),
          );
        if (ctx.env && !production && mode === 'live')
          findings.push(
            warn(`${name} uses live keys outside production (${ctx.env.mode})`, spec.file, at('mode')),
          );
        for (const [field, prefix] of Object.entries(
          PROVIDER_FIELDS[String(entry.provider)]?.prefixes ?? {},
        )) {
          const raw = entry[field];
          const ref = envReference(raw);
          const value = ref ? ctx.env?.values[ref] : raw;
          if (typeof value !== 'string' || value === '') continue;
          const other = mode === 'test' ? 'live' : 'test';
          if (prefix[other].test(value)) {
            const source = ref
              ? `\${${ref}} (from ${ctx.env?.sources[ref] ?? 'environment'})`
              : 'the literal value';
            findings.push(
              fail(
                `${name}.${field}: ${source} is a ${other}-mode key but mode is ${mode}`,
                spec.file,
                at(field),
              ),
            );
          }
        }
      }
      if (modes.size > 1)
        findings.push(
          warn(
            'the spec mixes test and live providers',
            spec.file,
            spec.lineOf([...spec.paymentsPath, 'providers']),
          ),
        );
    }
    return {
      findings,
      note: ctx.env
        ? `keys resolved for ${ctx.env.mode}`
        : 'static: modes and literal keys checked (use --env to check resolved keys)',
    };
  },
};
