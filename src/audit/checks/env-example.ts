/** Checklist: "API keys stored in environment variables" — a `.env.example` exists and holds only placeholders. */
import { posix } from 'node:path';
import type { EnvExample } from '../env-files.ts';
import { fail } from '../finding.ts';
import { isPlaceholder } from '../scan/patterns.ts';
import { scanSecrets } from '../scan/secrets.ts';
import { specFolders } from '../spec-walk.ts';
import type { Check, Finding } from '../types.ts';

const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|_KEYS?$|SIGNATURE/i;

function realValues(example: EnvExample): Finding[] {
  const findings: Finding[] = [];
  for (const [name, { value, line }] of example.vars) {
    const hits = scanSecrets(value);
    if (hits.length > 0) {
      findings.push(
        fail(
          `${name} holds a real-looking ${hits[0].label} (${hits[0].redacted}); use a placeholder`,
          example.file,
          line,
        ),
      );
    } else if (SECRET_NAME.test(name) && value !== '' && !/\$\{/.test(value) && !isPlaceholder(value)) {
      findings.push(fail(`${name} holds a value, not a placeholder`, example.file, line));
    }
  }
  return findings;
}

export const envExampleCheck: Check = {
  id: 'env-example',
  title: '.env.example exists and holds only placeholders',
  checklist: 'API keys stored in environment variables',
  fix: 'Run `uigen-pay init` to write .env.example, and replace any real value in it with a placeholder such as sk_test_your_key_here.',
  run(ctx) {
    const findings: Finding[] = [];
    const examples = new Map<string, EnvExample>();
    for (const folder of specFolders(ctx)) {
      const ex = ctx.envExampleFor(folder);
      if (ex) examples.set(ex.file, ex);
      else
        findings.push(fail('no .env.example at or above this folder', posix.join(folder, '.env.example'), 1));
    }
    // Every committed .env.example must be safe, not only the ones next to a spec.
    for (const f of ctx.files) {
      if (posix.basename(f) !== '.env.example' || examples.has(f)) continue;
      const ex = ctx.envExampleFor(posix.dirname(f));
      if (ex?.file === f) examples.set(f, ex);
    }
    for (const ex of examples.values()) findings.push(...realValues(ex));
    return { findings, note: `${[...examples.keys()].join(', ') || 'none'} checked` };
  },
};
