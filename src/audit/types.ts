/**
 * The audit's vocabulary: a check looks at an `AuditContext` (the repository, the spec, optionally the resolved
 * environment) and returns findings. A check never throws for a finding; it throws only when it cannot run.
 */
import type { EnvExample, ResolvedEnv } from './env-files.ts';
import type { SpecDocument } from './spec-doc.ts';

export type Verdict = 'pass' | 'warn' | 'fail';

/** Where a finding points: a repository-relative path (POSIX separators) and a 1-based line. */
export interface Location {
  file: string;
  line: number;
  column?: number;
}

/** One piece of evidence. `message` is already redacted: it never holds a full secret. */
export interface Finding {
  verdict: Exclude<Verdict, 'pass'>;
  message: string;
  location: Location;
}

/** The outcome of one check. `verdict` is the worst finding's, or `pass` with an explanatory `note`. */
export interface CheckResult {
  id: string;
  title: string;
  verdict: Verdict;
  findings: Finding[];
  /** What was looked at when nothing was wrong (e.g. "12 tracked files scanned"). */
  note?: string;
  /** How to fix it; printed under a warn/fail. */
  fix: string;
}

/** What a check sees. Built once per audit by `buildContext()`. */
export interface AuditContext {
  /** Absolute directory being audited. */
  dir: string;
  /** True when `dir` is inside a git work tree. */
  isGitRepo: boolean;
  /** Files to scan, relative to `dir` (git-tracked files in a repo, else a filesystem walk). */
  files: string[];
  /** Globs left out of file scans (`--exclude`, .uigen-audit.json). */
  exclude: string[];
  /** Reads a file relative to `dir`; undefined when missing, binary or larger than the scan cap. */
  readText(rel: string): string | undefined;
  /** Loaded specs (zero or more; `--spec` or discovered). */
  specs: SpecDocument[];
  /**
   * The `.env.example` that applies to a folder (relative to `dir`): the nearest one at or above it, up to the
   * repository root. Undefined when there is none.
   */
  envExampleFor(folder: string): EnvExample | undefined;
  /** Every `.env.example` at or above a folder, nearest first, up to the repository root. */
  envExamplesUp(folder: string): EnvExample[];
  /** Set with `--env <mode>`: the resolved environment (process env over .env files). */
  env?: ResolvedEnv;
  /** Also scan `git log -p` (bounded). */
  history: boolean;
  /**
   * The incident-response plan, relative to `dir`: `--incident-plan` / .uigen-audit.json, else
   * INCIDENT_RESPONSE.md in `dir`, else the repository root's.
   */
  incidentPlan: string;
  /** Progress of the file scan, when someone is watching. */
  onProgress?: (done: number, total: number) => void;
  /** Clock, injectable for key-age tests. */
  now: Date;
}

/** One automated checklist item. Registered in checks/index.ts. */
export interface Check {
  id: string;
  title: string;
  /** The seed guide's checklist line this check automates. */
  checklist: string;
  fix: string;
  run(ctx: AuditContext): Promise<Finding[] | CheckOutcome> | Finding[] | CheckOutcome;
}

/** A check that also wants to say what it looked at. */
export interface CheckOutcome {
  findings: Finding[];
  note?: string;
}

/** The whole audit: every check's result, in registry order. */
export interface AuditReport {
  dir: string;
  specs: string[];
  results: CheckResult[];
  /** fail > 0 → exit 1; warn > 0 with strict → exit 1. */
  counts: Record<Verdict, number>;
}
