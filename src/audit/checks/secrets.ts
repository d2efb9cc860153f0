/** Checklist: "API keys stored in environment variables" — no provider secret in a tracked file (or history). */

import { fail, warn } from '../finding.ts';
import { addedInHistory } from '../git.ts';
import { scanSecrets } from '../scan/secrets.ts';
import type { Check, Finding } from '../types.ts';

/** Bounds for `--history`: enough for most repositories, never an unbounded read. */
export const HISTORY_MAX_COMMITS = 2000;
export const HISTORY_MAX_BYTES = 128 * 1024 * 1024;

/** Reads in flight at once: enough to overlap disk waits, few enough not to exhaust file descriptors. */
const READ_CONCURRENCY = 32;

async function inPool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

export const secretsCheck: Check = {
  id: 'secrets',
  title: 'No provider secrets committed',
  checklist: 'API keys stored in environment variables',
  fix: 'Move the value into an environment variable (reference it as ${VAR}), revoke the exposed key in the provider dashboard (see INCIDENT_RESPONSE.md), and purge it from history if it was ever pushed.',
  run(ctx) {
    const findings: Finding[] = [];
    // file + redacted value: a key still in the tree is not reported again for the commit that added it.
    const seen = new Set<string>();
    let scanned = 0;
    for (const file of ctx.files) {
      const text = ctx.readText(file);
      if (text === undefined) continue;
      scanned++;
      for (const h of scanSecrets(text)) {
        seen.add(`${file}:${h.redacted}`);
        const make = h.verdict === 'fail' ? fail : warn;
        findings.push(
          make(`${h.label} ${h.redacted}${h.verdict === 'warn' ? ' (test mode)' : ''}`, file, h.line),
        );
      }
    }
    let note = `${scanned} ${ctx.isGitRepo ? 'tracked' : ''} files scanned`.replace('  ', ' ');
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
