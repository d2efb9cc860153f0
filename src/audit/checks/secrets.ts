/** Checklist: "API keys stored in environment variables" — no provider secret in a tracked file (or history). */

import { fail, warn } from '../finding.ts';
import { addedInHistory, grepFiles } from '../git.ts';
import { PREFILTER_SOURCE } from '../scan/patterns.ts';
import { scanSecrets } from '../scan/secrets.ts';
import type { Check, Finding } from '../types.ts';

/** Bounds for `--history`: enough for most repositories, never an unbounded read. */
export const HISTORY_MAX_COMMITS = 2000;
export const HISTORY_MAX_BYTES = 128 * 1024 * 1024;

export const secretsCheck: Check = {
  id: 'secrets',
  title: 'No provider secrets committed',
  checklist: 'API keys stored in environment variables',
  fix: 'Move the value into an environment variable (reference it as ${VAR}), revoke the exposed key in the provider dashboard (see INCIDENT_RESPONSE.md), and purge it from history if it was ever pushed.',
  run(ctx) {
    const findings: Finding[] = [];
    // file + redacted value: a key still in the tree is not reported again for the commit that added it.
    const seen = new Set<string>();
    // In a repository git grep pre-selects the few files that could match; reading every file is the slow part.
    const listed = new Set(ctx.files);
    const candidates = ctx.isGitRepo
      ? grepFiles(ctx.dir, PREFILTER_SOURCE, ctx.exclude).filter((f) => listed.has(f))
      : ctx.files;
    for (const [i, file] of candidates.entries()) {
      if (i % 500 === 0) ctx.onProgress?.(i, candidates.length);
      const text = ctx.readText(file);
      if (text === undefined) continue;
      for (const h of scanSecrets(text)) {
        seen.add(`${file}:${h.redacted}`);
        const make = h.verdict === 'fail' ? fail : warn;
        findings.push(
          make(`${h.label} ${h.redacted}${h.verdict === 'warn' ? ' (test mode)' : ''}`, file, h.line),
        );
      }
    }
    ctx.onProgress?.(candidates.length, candidates.length);
    let note = `${ctx.files.length} files scanned${ctx.isGitRepo ? ' (tracked, or untracked and not ignored)' : ''}`;
    if (ctx.history && ctx.isGitRepo) {
      const { blocks, truncated } = addedInHistory(ctx.dir, HISTORY_MAX_COMMITS, HISTORY_MAX_BYTES);
      for (const b of blocks) {
        for (const h of scanSecrets(b.text)) {
          const message = `${h.label} ${h.redacted} in history (commit ${b.commit})`;
          const key = `${b.file}:${h.redacted}`;
          if (seen.has(key)) continue; // already reported in the current tree
          seen.add(key);
          findings.push((h.verdict === 'fail' ? fail : warn)(message, b.file, b.lines[h.line - 1]));
        }
      }
      note += `; history: ${blocks.length} file changes scanned${truncated ? ' (output cap reached: older commits not scanned)' : ''}`;
    } else if (!ctx.isGitRepo) {
      note += ' (not a git repository: scanned files on disk)';
    }
    return { findings, note };
  },
};
