/**
 * Loading a spec: read + parse (YAML or JSON), resolve `$ref`s, find the payments block, resolve `${VAR}`s
 * from the environment and `.env` files, validate, freeze. `loadSpec` throws a `ConfigError` carrying every
 * diagnostic when anything is wrong; `validateSpecFile` returns the diagnostics instead.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';
import type { Diagnostic } from './diagnostics.ts';
import { processEnv, resolveEnv } from './env.ts';
import { deepFreeze } from './freeze.ts';
import { dereference } from './refs.ts';
import { Reporter } from './report.ts';
import type { RuleContext } from './rules/context.ts';
import { detectFlavour, findPaymentsBlock } from './rules/document.ts';
import { buildPaymentsConfig } from './rules/payments.ts';
import { scanForSecrets } from './rules/secret-scan.ts';
import { readSource } from './source.ts';
import type { PaymentsConfig } from './types.ts';

export interface LoadOptions {
  /** Environment to resolve `${VAR}` from (default: the process environment). */
  env?: NodeJS.ProcessEnv;
  /** NODE_ENV override (`--mode`); default `env.NODE_ENV`, then `development`. */
  mode?: string;
  /** Accept live provider mode outside NODE_ENV=production. */
  allowLive?: boolean;
  /** Base for a relative `file` and for `.env` lookup (default: the process cwd). */
  cwd?: string;
}

export interface ValidationResult {
  /** Present only when there is no error. */
  config?: Readonly<PaymentsConfig>;
  diagnostics: Diagnostic[];
  /** The dereferenced OpenAPI document (may be cyclic where schemas recurse). */
  document?: unknown;
}

export async function validateSpecFile(file: string, opts: LoadOptions = {}): Promise<ValidationResult> {
  const cwd = opts.cwd ?? process.cwd();
  const abs = resolve(cwd, file);
  const report = new Reporter(cwd, abs);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    report.at('E_FILE_NOT_FOUND', { file: abs, line: 0, column: 0 }, '', `spec file not found: ${file}`);
    return { diagnostics: report.list() };
  }
  const parsed = readSource(abs);
  if (!parsed.ok) {
    const problems =
      'problems' in parsed ? parsed.problems : [{ line: 0, column: 0, message: 'cannot read the file' }];
    // yaml reports follow-on errors for a broken line; the first one per line is the useful one.
    const firstPerLine = problems.filter((p, i) => problems.findIndex((q) => q.line === p.line) === i);
    for (const p of firstPerLine)
      report.at('E_YAML_PARSE', { file: abs, line: p.line, column: p.column }, '', p.message);
    return { diagnostics: report.list() };
  }
  const deref = dereference(parsed.source);
  report.locator = deref.locate;
  for (const p of deref.problems) report.at(p.code, { file: p.file, ...p.position }, p.pointer, p.message);

  const env = opts.env ?? processEnv();
  const nodeEnv = opts.mode || env.NODE_ENV || 'development';
  const ctx: RuleContext = {
    report,
    env: resolveEnv({ specDir: dirname(abs), cwd, mode: nodeEnv, env }),
    nodeEnv,
    production: nodeEnv === 'production',
    allowLive: opts.allowLive ?? false,
  };
  const doc = deref.value;
  let config: PaymentsConfig | undefined;
  if (detectFlavour(ctx, doc)) {
    const found = findPaymentsBlock(ctx, doc as Record<string, unknown>);
    if (found)
      config = buildPaymentsConfig(ctx, doc as Record<string, unknown>, found.block, found.pointer, abs);
  }
  scanForSecrets(ctx, doc, deref.shared);
  const diagnostics = report.list();
  const ok = config !== undefined && !diagnostics.some((d) => d.severity === 'error');
  return { ...(ok ? { config: deepFreeze(config) } : {}), diagnostics, document: doc };
}

/** `validateSpecFile` under the name the brief's callers may look for. */
export const validateSpec = validateSpecFile;

/**
 * Loads and validates `file`. Throws `ConfigError` with every diagnostic when any is an error; otherwise
 * returns the frozen config, the warnings and the dereferenced document.
 */
export async function loadSpec(
  file: string,
  opts: LoadOptions = {},
): Promise<{ config: Readonly<PaymentsConfig>; diagnostics: Diagnostic[]; document: unknown }> {
  const r = await validateSpecFile(file, opts);
  if (!r.config) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    throw new ConfigError(`${file}: ${errors} configuration error(s)`, r.diagnostics);
  }
  return { config: r.config, diagnostics: r.diagnostics, document: r.document };
}
