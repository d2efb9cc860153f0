/**
 * Opens the store the way `serve` does (settings from the given environment), for the separate `worker`
 * process and `webhooks replay`. The environment is passed in: only spec/ reads `process.env`.
 */
import type { Logger } from '../log.ts';
import { loadSettings, type Settings } from '../spec/settings.ts';
import { openStoreFromSettings } from '../store/index.ts';
import type { Store } from '../store/types.ts';

export async function openStoreFromEnv(
  env: NodeJS.ProcessEnv,
  logger?: Logger,
): Promise<{ store: Store; settings: Readonly<Settings> }> {
  const settings = loadSettings(env);
  const store = await openStoreFromSettings(settings, { logger });
  return { store, settings };
}
