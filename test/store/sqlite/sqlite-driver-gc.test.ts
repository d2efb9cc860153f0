/**
 * The SQLite driver loader picks a better-sqlite3 build that survives statement GC on this Node. With
 * better-sqlite3 12 on Node 24.19+ the child below aborts (`RemoveEnvironmentCleanupHook … (env) != nullptr`
 * from `Statement::~Statement()`) within a second; with the loader's choice it exits 0. CI runs this file on
 * Node 20 and on Node 24 (.ci/node24).
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { sqlitePackageFor } from '../../../src/store/sqlite/driver.ts';
import { tsNodeArgs } from '../../support/ts-node-args.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'uigen-sqlite-gc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the Node-API build on Node >= 22, better-sqlite3 12 on Node 20', () => {
  expect(sqlitePackageFor('20.19.0')).toBe('better-sqlite3');
  expect(sqlitePackageFor('22.12.0')).toBe('better-sqlite3-napi');
  expect(sqlitePackageFor('24.21.0')).toBe('better-sqlite3-napi');
});

test('a process that drops thousands of statements survives GC inside WebAssembly and a full gc()', async () => {
  const child = fileURLToPath(new URL('./gc-child.ts', import.meta.url));
  const args = [
    '--expose-gc',
    '--disable-warning=ExperimentalWarning',
    ...tsNodeArgs(),
    child,
    join(dir, 'gc.db'),
  ];
  // A rejected promise here (non-zero exit or signal, e.g. SIGABRT) carries the child's stderr.
  const { stdout } = await run(process.execPath, args, { timeout: 60_000 });
  const report = JSON.parse(stdout) as { sqlitePackage: string; strippedTypes: boolean; gc: boolean };
  expect(report.sqlitePackage).toBe(sqlitePackageFor(process.versions.node));
  expect(report.gc).toBe(true);
  // Where Node has a WebAssembly type stripper (22.13+), the GC that used to abort really ran inside it.
  const [major, minor] = process.versions.node.split('.').map(Number);
  expect(report.strippedTypes).toBe(major > 22 || (major === 22 && minor >= 13));
}, 90_000);
