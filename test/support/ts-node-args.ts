/**
 * Node flags for running a .ts entry point in a child process: none where Node strips types itself
 * (22.18+/24), `--import tsx` on Node 20 — the same choice bin/uigen-pay.js makes.
 */
export function tsNodeArgs(): string[] {
  return (process.features as { typescript?: unknown }).typescript ? [] : ['--import', 'tsx'];
}
