/**
 * Real stores for ops tests: SQLite in a temp dir (raw bytes readable, incl. WAL) or a fresh PostgreSQL database
 * on the run's embedded server (every table dumpable). Closed and removed after the file's tests.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { generateDevKeys, openStore, type SqlStore } from '../../../src/store/index.ts';
import { createTestDatabase } from '../../support/pg.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface OpsStore {
  store: SqlStore;
  url: string;
  keys: { encryptionKeys: string; blindIndexKey: string };
  /** Everything the database holds as text: SQLite file bytes (+ WAL), or every PostgreSQL table dumped. */
  dumpAll(): Promise<string>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function dumpPostgres(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query("select tablename from pg_tables where schemaname = 'public'");
    const out: string[] = [];
    for (const { tablename } of tables.rows) {
      const rows = await c.query(`select t::text as row from "${tablename}" t`);
      out.push(`-- ${tablename}`, ...rows.rows.map((r) => r.row));
    }
    return out.join('\n');
  } finally {
    await c.end();
  }
}

export async function openOpsStore(dialect: DialectName = 'sqlite', now?: () => number): Promise<OpsStore> {
  const keys = generateDevKeys();
  let url: string;
  let dumpAll: () => Promise<string>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'uigen-ops-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    url = `sqlite:${join(dir, 'payments.db')}`;
    dumpAll = async () =>
      readdirSync(dir)
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('\n');
  } else {
    url = await createTestDatabase('ops');
    dumpAll = () => dumpPostgres(url);
  }
  const store = await openStore({ databaseUrl: url, ...keys, now });
  cleanups.push(() => store.close());
  await store.migrate();
  return { store, url, keys, dumpAll };
}
