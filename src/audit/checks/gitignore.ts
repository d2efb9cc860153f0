/** Checklist: "API keys stored in environment variables" — `.gitignore` keeps env and key files out of git. */

import { fail } from '../finding.ts';
import { checkIgnore } from '../git.ts';
import type { Check, Finding } from '../types.ts';

/** What the seed guide's `.gitignore` block must cover, each with a representative path to ask git about. */
export const MUST_IGNORE: ReadonlyArray<{ rule: string; probes: string[] }> = [
  { rule: '.env', probes: ['.env', 'config/.env'] },
  { rule: '.env.local', probes: ['.env.local'] },
  { rule: '.env.*.local', probes: ['.env.production.local', '.env.development.local'] },
  { rule: '*.key', probes: ['server.key', 'certs/server.key'] },
  { rule: '*.pem', probes: ['server.pem', 'certs/server.pem'] },
];

const SENSITIVE_NAME = /(^|\/)(\.env|\.env\.local|\.env\.[^/]+\.local|[^/]+\.key|[^/]+\.pem)$/;

export const gitignoreCheck: Check = {
  id: 'gitignore',
  title: '.gitignore covers env and key files; none is tracked',
  checklist: 'API keys stored in environment variables',
  fix: 'Add the missing lines to .gitignore (`uigen-pay init` does), and `git rm --cached <file>` any tracked env/key file — then rotate what it held.',
  run(ctx) {
    const findings: Finding[] = [];
    const probes = MUST_IGNORE.flatMap((m) => m.probes);
    const verdicts = new Map(checkIgnore(ctx.dir, probes, ctx.isGitRepo).map((v) => [v.path, v]));
    for (const m of MUST_IGNORE) {
      const missed = m.probes.map((p) => verdicts.get(p)).find((v) => !v?.ignored);
      if (!missed) continue;
      const where = missed.rule
        ? fail(
            `'${missed.path}' is not ignored: negated by '${missed.rule.pattern}' (needs '${m.rule}')`,
            missed.rule.source,
            missed.rule.line,
          )
        : fail(`'${missed.path}' is not ignored (add '${m.rule}')`, '.gitignore', 1);
      findings.push(where);
    }
    if (ctx.isGitRepo) {
      for (const f of ctx.files) {
        if (SENSITIVE_NAME.test(f))
          findings.push(fail(`'${f}' is tracked (or not ignored, so the next commit takes it)`, f, 1));
      }
    }
    return { findings, note: `${probes.length} paths checked with git check-ignore` };
  },
};
