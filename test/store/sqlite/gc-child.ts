/**
 * Child process for sqlite-driver-gc.test.ts. Opens a Store and a raw Database through the driver loader,
 * prepares and drops thousands of statements, and makes V8 collect them the way that aborted Node 24 with
 * better-sqlite3 12: young-generation GCs that start while Node's WebAssembly TypeScript stripper runs (no Node
 * context entered), interleaved with the statements, then a full `gc()` from a timer. Prints what it loaded and did;
 * exits 0 unless the process aborts. argv: <sqlite file>
 */
import * as nodeModule from 'node:module';
import { generateDevKeys, openStore } from '../../../src/store/index.ts';
import Database, { sqlitePackage } from '../../../src/store/sqlite/driver.ts';

const file = process.argv[2];
// Node >= 22.13; absent on Node 20, where better-sqlite3 12 has no such abort to catch.
const strip = (nodeModule as { stripTypeScriptTypes?: (code: string) => string }).stripTypeScriptTypes;
const gc = (globalThis as { gc?: () => void }).gc;
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

const store = await openStore({ databaseUrl: `sqlite:${file}`, ...generateDevKeys() });
await store.migrate();
const raw = new Database(file, { timeout: 5000 });
raw.exec('create table if not exists gc_probe (id integer primary key, v text)');

const rounds = 10;
let statements = 0;
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < 2000; i++) {
    raw.prepare(`select v from gc_probe where id = ${statements++}`).all();
    strip?.(`const v${i}: number = ${i};`);
  }
  await store.inbox.list({ status: 'pending', limit: 1 });
  await tick();
}
gc?.();
raw.close();
await store.close();
const report = { sqlitePackage, statements, strippedTypes: Boolean(strip), gc: Boolean(gc) };
process.stdout.write(`${JSON.stringify(report)}\n`);
