/**
 * The few git facts the audit needs, asked of git itself (not re-implemented): what is tracked, what
 * `.gitignore` ignores (`git check-ignore --no-index` semantics, negations and all) and, bounded, history.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

function git(dir: string, args: string[], input?: string) {
  return spawnSync('git', args, { cwd: dir, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function isGitRepo(dir: string): boolean {
  const r = git(dir, ['rev-parse', '--is-inside-work-tree']);
  return r.status === 0 && r.stdout.trim() === 'true';
}

/** Tracked (and committable untracked) files relative to `dir`, minus `exclude` globs (git pathspec `:(exclude,glob)` semantics). */
export function trackedFiles(dir: string, exclude: string[] = []): string[] {
  const specs = exclude.map((g) => `:(exclude,glob)${g}`);
  // --others --exclude-standard: untracked files git would commit next are as exposed as tracked ones.
  const r = git(dir, [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
    '--deduplicate',
    '--',
    '.',
    ...specs,
  ]);
  if (r.status !== 0) throw new Error(`git ls-files failed (${r.stderr.split('\n')[0]})`);
  return r.stdout.split('\0').filter(Boolean);
}

/**
 * Files (tracked, or untracked and not ignored) whose text matches `ere` case-insensitively, by `git grep`:
 * multi-threaded C over the work tree, binary files skipped. The secrets scan reads only these.
 */
export function grepFiles(dir: string, ere: string, exclude: string[] = []): string[] {
  const specs = exclude.map((g) => `:(exclude,glob)${g}`);
  const r = git(dir, ['grep', '-l', '-z', '-I', '-i', '-E', '--untracked', '-e', ere, '--', '.', ...specs]);
  if (r.status === 1) return []; // no match
  if (r.status !== 0) throw new Error(`git grep failed (${r.stderr.split('\n')[0]})`);
  return r.stdout.split('\0').filter(Boolean);
}

const WALK_SKIP = new Set(['.git', 'node_modules', '.uigen']);

/** Outside a repository: every file under `dir`, skipping VCS, dependency and local-state folders. */
export function walkFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (WALK_SKIP.has(e.name)) continue;
      const p = join(abs, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  visit(dir);
  return out.sort();
}

/** Result of `git check-ignore -v`: the rule that decided, when one matched. */
export interface IgnoreVerdict {
  path: string;
  ignored: boolean;
  /** `.gitignore` (or other source) line of the deciding rule; a negated rule (`!x`) means not ignored. */
  rule?: { source: string; line: number; pattern: string };
}

export function checkIgnore(dir: string, paths: string[], inRepo: boolean): IgnoreVerdict[] {
  let cwd = dir;
  let scratch: string | undefined;
  if (!inRepo) {
    // check-ignore needs a repository; give it a scratch one holding only this .gitignore.
    scratch = mkdtempSync(join(tmpdir(), 'uigen-audit-ignore-'));
    git(scratch, ['init', '-q']);
    if (existsSync(join(dir, '.gitignore')))
      copyFileSync(join(dir, '.gitignore'), join(scratch, '.gitignore'));
    cwd = scratch;
  }
  try {
    const r = git(cwd, ['check-ignore', '--no-index', '-v', '-n', '-z', '--stdin'], `${paths.join('\0')}\0`);
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`git check-ignore failed (${r.stderr.split('\n')[0]})`);
    const f = r.stdout.split('\0');
    // git names the deciding .gitignore relative to the repository root; evidence is relative to `dir`.
    const top = scratch ? undefined : git(dir, ['rev-parse', '--show-toplevel']).stdout.trim();
    const fromDir = (source: string) =>
      top ? relative(dir, join(top, source)).split(sep).join('/') : '.gitignore';
    const out: IgnoreVerdict[] = [];
    for (let i = 0; i + 3 < f.length; i += 4) {
      const [source, line, pattern, path] = [f[i], f[i + 1], f[i + 2], f[i + 3]];
      if (!source) {
        out.push({ path, ignored: false });
        continue;
      }
      const rule = { source: fromDir(source), line: Number(line), pattern };
      out.push({ path, ignored: !pattern.startsWith('!'), rule });
    }
    return out;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/** Lines a commit added to one file, with their line numbers in that commit's version. */
export interface AddedBlock {
  commit: string;
  file: string;
  text: string;
  lines: number[];
}

/** `git log -p` over all refs, newest first, bounded by commit count and bytes. */
export function addedInHistory(
  dir: string,
  maxCommits: number,
  maxBytes: number,
): { blocks: AddedBlock[]; truncated: boolean } {
  const r = spawnSync(
    'git',
    [
      'log',
      '--all',
      '-p',
      '--relative',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-renames',
      '--format=commit %H',
      `-n${maxCommits}`,
      '--',
      '.',
    ],
    { cwd: dir, encoding: 'utf8', maxBuffer: maxBytes },
  );
  const truncated = Boolean(r.error);
  const blocks: AddedBlock[] = [];
  let commit = '';
  let current: { file: string; text: string[]; lines: number[] } | undefined;
  let next = 0;
  const flush = () => {
    if (current && current.text.length > 0)
      blocks.push({ commit, file: current.file, text: current.text.join('\n'), lines: current.lines });
    current = undefined;
  };
  for (const l of (r.stdout ?? '').split('\n')) {
    if (l.startsWith('commit ')) {
      flush();
      commit = l.slice(7, 19);
    } else if (l.startsWith('+++ ')) {
      flush();
      const name = l.slice(4);
      current = name === '/dev/null' ? undefined : { file: name.replace(/^b\//, ''), text: [], lines: [] };
    } else if (l.startsWith('@@')) {
      next = Number(/\+(\d+)/.exec(l)?.[1] ?? 1);
    } else if (l.startsWith('+') && current) {
      current.text.push(l.slice(1));
      current.lines.push(next++);
    }
  }
  flush();
  return { blocks, truncated };
}
