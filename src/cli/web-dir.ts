import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWebBuilt as buildLocked, isWebBuildFresh, WEB_DIST } from '../web/build.ts';

/** dist/web of this package, when built. */
export function defaultWebDir(): string | false {
  return existsSync(join(WEB_DIST, 'index.html')) ? WEB_DIST : false;
}

/**
 * Builds the web UI with Vite when dist/web is missing or older than src/web (src/web/build.ts does it under
 * a lock and swaps the output in atomically, so parallel starts never see half a build). Returns the directory.
 */
export async function ensureWebBuilt(log: (line: string) => void): Promise<string | false> {
  if (isWebBuildFresh()) return WEB_DIST;
  log('building the web UI (first run only)…');
  const started = Date.now();
  await buildLocked();
  log(`web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return defaultWebDir();
}
