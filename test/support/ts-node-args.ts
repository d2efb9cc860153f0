/**
 * Node flags for running a .ts entry point in a child process: none where Node strips types itself
 * (22.18+/24 — and there tsx's loader hooks crash better-sqlite3), `--import tsx` on Node 20.
 */
export function tsNodeArgs(): string[] {
  return (process.features as { typescript?: unknown }).typescript ? [] : ['--import', 'tsx'];
}
