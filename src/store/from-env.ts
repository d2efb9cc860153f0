/**
 * Opens the store for the storage CLI verbs (`db`, `keys`, `audit-log`) from an environment record plus the
 * working directory's `.env` files, so keys written by `uigen-pay init` into `.env.local` are found.
 */
import type { Logger } from '../log.ts';
import { loadDotenv } from '../spec/env.ts';
import { loadSettings, type Settings } from '../spec/settings.ts';
import { openStoreFromSettings } from './open.ts';
import type { SqlStore } from './store.ts';

export async function openStoreFromEnvironment(opts: {
  env: NodeJS.ProcessEnv;
  cwd: string;
  logger?: Logger;
}): Promise<{ store: SqlStore; settings: Readonly<Settings> }> {
  const mode = opts.env.NODE_ENV || 'development';
  const settings = loadSettings(loadDotenv(opts.cwd, mode, opts.env));
  const store = await openStoreFromSettings(settings, { cwd: opts.cwd, logger: opts.logger });
  return { store, settings };
}
