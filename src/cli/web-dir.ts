import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** dist/web of this package, when built. */
export function defaultWebDir(): string | false {
  const dir = join(root, 'dist/web');
  return existsSync(join(dir, 'index.html')) ? dir : false;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web UI with Vite when dist/web is missing or older than src/web. Returns the directory. */
export async function ensureWebBuilt(log: (line: string) => void): Promise<string | false> {
  const src = join(root, 'src/web');
  const index = join(root, 'dist/web/index.html');
  if (!existsSync(src)) return defaultWebDir();
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(src)) return join(root, 'dist/web');
  log('building the web UI (first run only)…');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(src, 'vite.config.ts'), logLevel: 'warn' });
  log(`web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return defaultWebDir();
}
