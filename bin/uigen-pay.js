#!/usr/bin/env node
// Runs the TypeScript sources directly, so `npm ci` is the whole install: no build step to forget.
// Node 22.18+/24 strip types natively (no loader thread, faster start); older Node (20) goes through tsx.
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
