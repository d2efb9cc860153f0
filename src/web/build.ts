/**
 * Builds the web app into dist/web when it is missing or older than its sources. Used by `npm start`/the
 * server before serving and by the browser tests. Safe to call from several processes at once: one builds
 * (under a lock directory), the others wait, and the output is swapped in with a rename.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));
const REPO = join(SRC, '..', '..');
export const WEB_DIST = join(REPO, 'dist', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/web/index.html exists and is newer than every file under src/web. */
export function isWebBuildFresh(outDir = WEB_DIST): boolean {
  const index = join(outDir, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestMtime(SRC);
}

async function withLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  mkdirSync(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than the timeout belongs to a crashed builder.
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > timeoutMs)
        rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the web build lock ${lockDir}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Ensures dist/web is built from the current sources; returns its path. */
export async function ensureWebBuilt(outDir = WEB_DIST): Promise<string> {
  if (isWebBuildFresh(outDir)) return outDir;
  return withLock(`${outDir}.lock`, async () => {
    if (isWebBuildFresh(outDir)) return outDir; // built by whoever held the lock
    const { build } = await import('vite');
    const tmp = `${outDir}.tmp-${process.pid}`;
    await build({
      configFile: join(SRC, 'vite.config.ts'),
      build: { outDir: tmp, emptyOutDir: true },
      logLevel: 'warn',
    });
    rmSync(outDir, { recursive: true, force: true });
    renameSync(tmp, outDir);
    return outDir;
  });
}
