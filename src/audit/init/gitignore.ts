/** `.gitignore`: appends the lines whose paths git does not already ignore (asked of git, not grepped). */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUST_IGNORE } from '../checks/gitignore.ts';
import { checkIgnore, isGitRepo } from '../git.ts';
import type { InitAction } from './types.ts';

/** The seed guide's block plus our local state folder (SQLite file, generated keys). */
export const INIT_IGNORES = [...MUST_IGNORE, { rule: '.uigen/', probes: ['.uigen/keys.json'] }];

export function appendGitignore(dir: string): InitAction {
  const path = join(dir, '.gitignore');
  const verdicts = new Map(
    checkIgnore(
      dir,
      INIT_IGNORES.flatMap((m) => m.probes),
      isGitRepo(dir),
    ).map((v) => [v.path, v.ignored]),
  );
  const missing = INIT_IGNORES.filter((m) => m.probes.some((p) => !verdicts.get(p))).map((m) => m.rule);
  if (missing.length === 0)
    return { path: '.gitignore', action: 'skipped', detail: 'already ignores env and key files' };
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const block = `${existing === '' || existing.endsWith('\n') ? '' : '\n'}\n# Payments secrets (uigen-pay init)\n${missing.join('\n')}\n`;
  if (existing === '') writeFileSync(path, block.trimStart());
  else appendFileSync(path, block);
  return { path: '.gitignore', action: existing === '' ? 'wrote' : 'appended', detail: missing.join(' ') };
}
