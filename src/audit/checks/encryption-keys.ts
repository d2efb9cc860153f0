/**
 * Checklist: "Data encryption at rest" — the column-encryption and blind-index keys are declared
 * (statically: listed in .env.example) and, with `--env`, present, 32 random bytes each, and distinct.
 */
import { envLocation } from '../env-location.ts';
import { fail } from '../finding.ts';
import { isPlaceholder } from '../scan/patterns.ts';
import { specFolders } from '../spec-walk.ts';
import type { AuditContext, Check, Finding } from '../types.ts';

export const ENCRYPTION_KEYS_VAR = 'UIGEN_ENCRYPTION_KEYS';
export const BLIND_INDEX_VAR = 'UIGEN_BLIND_INDEX_KEY';

/** Why a base64 key is unusable, or undefined when it is 32 bytes of plausible randomness. */
export function keyProblem(b64: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return 'is not base64';
  if (Buffer.from(b64, 'base64').length !== 32)
    return `decodes to ${Buffer.from(b64, 'base64').length} bytes, not 32`;
  if (isPlaceholder(b64)) return 'looks like a placeholder, not a random key';
  return undefined;
}

function resolvedFindings(ctx: AuditContext): Finding[] {
  const env = ctx.env!;
  const findings: Finding[] = [];
  const at = (name: string, message: string) => {
    const loc = envLocation(ctx, name);
    findings.push(fail(message, loc.file, loc.line));
  };
  const keys = env.values[ENCRYPTION_KEYS_VAR];
  const blind = env.values[BLIND_INDEX_VAR];
  if (!keys) at(ENCRYPTION_KEYS_VAR, `${ENCRYPTION_KEYS_VAR} is not set in the ${env.mode} environment`);
  const secrets: string[] = [];
  for (const [i, item] of (keys ?? '')
    .split(',')
    .filter((s) => s.trim())
    .entries()) {
    const [kid, b64, extra] = item.trim().split(':');
    if (!kid || b64 === undefined || extra !== undefined) {
      at(ENCRYPTION_KEYS_VAR, `${ENCRYPTION_KEYS_VAR} entry ${i + 1} is not kid:base64`);
      continue;
    }
    const problem = keyProblem(b64);
    if (problem) at(ENCRYPTION_KEYS_VAR, `${ENCRYPTION_KEYS_VAR} key '${kid}' ${problem}`);
    secrets.push(b64);
  }
  if (!blind) at(BLIND_INDEX_VAR, `${BLIND_INDEX_VAR} is not set in the ${env.mode} environment`);
  else {
    const problem = keyProblem(blind);
    if (problem) at(BLIND_INDEX_VAR, `${BLIND_INDEX_VAR} ${problem}`);
    if (secrets.includes(blind))
      at(BLIND_INDEX_VAR, `${BLIND_INDEX_VAR} reuses an encryption key; use a separate key`);
  }
  return findings;
}

export const encryptionKeysCheck: Check = {
  id: 'encryption-keys',
  title: 'Encryption keys declared and strong',
  checklist: 'Data encryption at rest',
  fix: `Declare ${ENCRYPTION_KEYS_VAR} (kid:base64 of 32 random bytes) and ${BLIND_INDEX_VAR} (base64 of 32 random bytes) in .env.example; \`uigen-pay init\` generates real ones into .env.local.`,
  run(ctx) {
    const findings: Finding[] = [];
    for (const folder of specFolders(ctx)) {
      // Server settings may be declared once for a monorepo: any .env.example up to the repository root counts.
      const chain = ctx.envExamplesUp(folder);
      if (chain.length === 0) continue; // env-example reports the missing file
      for (const name of [ENCRYPTION_KEYS_VAR, BLIND_INDEX_VAR]) {
        if (!chain.some((ex) => ex.vars.has(name)))
          findings.push(fail(`${name} is not listed`, chain[0].file, 1));
      }
    }
    if (ctx.env) findings.push(...resolvedFindings(ctx));
    return {
      findings,
      note: ctx.env
        ? `keys resolved for ${ctx.env.mode}`
        : 'static: declared in .env.example (use --env to check values)',
    };
  },
};
