/**
 * Which better-sqlite3 build this process loads. Use this module, never 'better-sqlite3' directly, wherever a
 * Database is constructed (`import type` from 'better-sqlite3' is fine: both builds have the same API).
 *
 * - Node >= 22: better-sqlite3 13 (package alias `better-sqlite3-napi`), a Node-API addon with prebuilds inside
 *   the package. better-sqlite3 <= 12 wraps its objects in `node::ObjectWrap`, whose destructor on Node 24.19+
 *   removes an environment cleanup hook and CHECKs that a Node context is current. A GC that starts while no
 *   context is entered (e.g. inside WebAssembly: Node's own TypeScript stripper, undici's HTTP parser) and
 *   collects a Statement then aborts the process: `RemoveEnvironmentCleanupHook … Assertion (env) != nullptr`
 *   (WiseLibs/better-sqlite3#1515, not fixed in 12.x).
 * - Node 20: better-sqlite3 12, because 13 needs Node >= 22 (it crashes on 20).
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

export type SqlitePackage = 'better-sqlite3' | 'better-sqlite3-napi';

export function sqlitePackageFor(nodeVersion: string = process.versions.node): SqlitePackage {
  return Number.parseInt(nodeVersion, 10) >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';
}

/** The package this process loaded. */
export const sqlitePackage: SqlitePackage = sqlitePackageFor();

const Database = createRequire(import.meta.url)(sqlitePackage) as typeof BetterSqlite3;
// better-sqlite3's types under the same name, so `Database.Database` / `Database.Statement` keep working.
declare namespace Database {
  type Database = BetterSqlite3.Database;
  type Statement<P extends unknown[] | object = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;
  type Options = BetterSqlite3.Options;
}

export default Database;
