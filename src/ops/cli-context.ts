/**
 * What the ops CLI verbs (gdpr, retention, flags) open: the store from the environment (+ the cwd's `.env`
 * files, where `init` writes keys) and, when a verb needs it, the spec. Always migrated before use.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIO } from '../cli/command.ts';
import { type Logger, silentLogger } from '../log.ts';
import { loadSpec } from '../spec/index.ts';
import type { Settings } from '../spec/settings.ts';
import type { PaymentsConfig } from '../spec/types.ts';
import { openStoreFromEnvironment } from '../store/from-env.ts';
import type { SqlStore } from '../store/store.ts';

export const DEFAULT_SPEC = 'openapi.yaml';

export interface OpsCliContext {
  store: SqlStore;
  settings: Readonly<Settings>;
  logger: Logger;
  close(): Promise<void>;
}

export async function openOpsStore(io: CliIO, logger: Logger = silentLogger()): Promise<OpsCliContext> {
  const { store, settings } = await openStoreFromEnvironment({ env: io.env, cwd: io.cwd, logger });
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return { store, settings, logger, close: () => store.close() };
}

/** Loads `--spec` (default openapi.yaml in the cwd). `optional`: a missing default file yields undefined. */
export async function loadOpsSpec(
  io: CliIO,
  spec: string | undefined,
  optional = false,
): Promise<Readonly<PaymentsConfig> | undefined> {
  const file = resolve(io.cwd, spec ?? DEFAULT_SPEC);
  if (optional && spec === undefined && !existsSync(file)) return undefined;
  const { config, diagnostics } = await loadSpec(file, { env: io.env, cwd: io.cwd });
  for (const d of diagnostics) io.err(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
  return config;
}

/** Who ran the command, for audit rows: `cli:<login>` when the shell says, else `cli`. */
export function cliActor(io: CliIO, explicit?: string): string {
  if (explicit) return explicit;
  const user = io.env.USER || io.env.LOGNAME;
  return user ? `cli:${user}` : 'cli';
}
