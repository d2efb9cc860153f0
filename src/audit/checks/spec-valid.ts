/**
 * Checklist: the spec validates under every "Foundation" rule. The only check that calls spec/'s validator;
 * everything else reads the raw document, so a validator change never silently changes another check.
 * Statically the environment is empty, so "variable not set" diagnostics are not failures here (spec-env-refs
 * checks that each variable is declared); with `--env` they are.
 */
import { relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../spec/diagnostics.ts';
import { validateSpecFile } from '../../spec/load.ts';
import { fail, warn } from '../finding.ts';
import type { AuditContext, Check, Finding } from '../types.ts';

/** Diagnostics that only mean "the variable has no value here" (static audits resolve no environment). */
const UNSET_ENV = new Set(['E_ENV_MISSING', 'E_ENV_EMPTY']);

function toFinding(ctx: AuditContext, specFile: string, d: Diagnostic): Finding {
  const make = d.severity === 'error' ? fail : warn;
  // Diagnostics point into the spec (or a $ref'd file); keep paths relative to the audited dir.
  const file = d.file ? relative(ctx.dir, resolve(ctx.dir, d.file)).split(sep).join('/') : specFile;
  return make(`${d.code} ${d.message}`, file, d.line);
}

export const specValidCheck: Check = {
  id: 'spec-valid',
  title: 'Spec validates',
  checklist: 'API keys stored in environment variables',
  fix: 'Run `uigen-pay validate <spec>` and fix each diagnostic; `uigen-pay init --spec <spec>` adds a starter x-uigen-payments block.',
  async run(ctx) {
    if (ctx.specs.length === 0)
      return [
        warn('no OpenAPI spec found (pass --spec or list specs in .uigen-audit.json)', 'openapi.yaml', 1),
      ];
    const findings: Finding[] = [];
    for (const spec of ctx.specs) {
      if (spec.parseError) findings.push(fail(`does not parse: ${spec.parseError}`, spec.file, 1));
      else if (!spec.payments) findings.push(fail('has no x-uigen-payments block', spec.file, 1));
    }
    for (const spec of ctx.specs) {
      if (spec.parseError || !spec.payments) continue;
      const { diagnostics } = await validateSpecFile(spec.absPath, {
        env: ctx.env?.values ?? {},
        mode: ctx.env?.mode ?? 'development',
        // Statically the deployment's NODE_ENV is unknown: live mode is judged by mode-separation, not here.
        allowLive: !ctx.env,
        cwd: ctx.dir,
      });
      for (const d of diagnostics) {
        if (!ctx.env && UNSET_ENV.has(d.code)) continue;
        findings.push(toFinding(ctx, spec.file, d));
      }
    }
    return { findings, note: `${ctx.specs.length} spec(s) validated` };
  },
};
