/**
 * `uigen-pay init`: everything the audit checks for that a generator can provide. Never overwrites a file
 * without `force` (and never replaces existing encryption keys at all); returns what it did, file by file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { discoverSpecs } from '../context.ts';
import { isGitRepo, trackedFiles, walkFiles } from '../git.ts';
import { envReferencesIn, loadSpecDocument } from '../spec-doc.ts';
import { walkStrings } from '../spec-walk.ts';
import { writeEnvExample } from './env-example.ts';
import { appendGitignore } from './gitignore.ts';
import { writeLocalKeys } from './keys.ts';
import { addStarterBlock } from './spec-block.ts';
import type { InitAction, InitOptions } from './types.ts';

const IR_TEMPLATE = new URL('../templates/INCIDENT_RESPONSE.md', import.meta.url);

function findSpec(dir: string): string | undefined {
  const files = isGitRepo(dir) ? trackedFiles(dir) : walkFiles(dir);
  const found = discoverSpecs(files);
  // Prefer the top-most spec (the app's), e.g. openapi.yaml over docs/openapi.yaml.
  found.sort((a, b) => a.split('/').length - b.split('/').length);
  return found[0] ? join(dir, found[0]) : undefined;
}

/** Every `${VAR}` in the spec's values (not its comments), in document order. */
function specVariables(abs: string, rel: string): string[] {
  const names = new Set<string>();
  walkStrings(loadSpecDocument(abs, rel).root, [], (s) => {
    for (const n of envReferencesIn(s)) names.add(n);
  });
  return [...names];
}

export function runInit(opts: InitOptions): InitAction[] {
  const { dir, force } = opts;
  const actions: InitAction[] = [];
  const spec = opts.spec ?? findSpec(dir);
  const specRel = spec ? relative(dir, spec).split(sep).join('/') : undefined;
  // Ignore rules first: the keys written below must never be committable, even for a moment.
  actions.push(appendGitignore(dir));
  if (spec && specRel) actions.push(addStarterBlock(spec, specRel));
  actions.push(writeEnvExample(dir, spec && specRel ? specVariables(spec, specRel) : [], force));
  const irPath = join(dir, 'INCIDENT_RESPONSE.md');
  if (existsSync(irPath) && !force) {
    actions.push({
      path: 'INCIDENT_RESPONSE.md',
      action: 'skipped',
      detail: 'exists (use --force to replace)',
    });
  } else {
    writeFileSync(irPath, readFileSync(IR_TEMPLATE, 'utf8'));
    actions.push({
      path: 'INCIDENT_RESPONSE.md',
      action: 'wrote',
      detail: 'template: detect, contain, investigate, notify, recover, learn',
    });
  }
  actions.push(...writeLocalKeys(dir, opts.now ?? new Date()));
  if (!spec)
    actions.push({
      path: '(spec)',
      action: 'skipped',
      detail: 'no openapi.* found: pass --spec to add a starter x-uigen-payments block',
    });
  return actions;
}
