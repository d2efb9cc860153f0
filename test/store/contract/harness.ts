/**
 * The store contract suite runs every case against both dialects: SQLite in a temp file and PostgreSQL in a
 * fresh database on the run's embedded server. Raw access (bytes on disk, table dumps, hand-edited rows) goes
 * around the Store on purpose: it is how tests prove what is really written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import {
  generateDevKeys,
  type OpenStoreOptions,
  openStore,
  type SqlStore,
} from '../../../src/store/index.ts';
import Database from '../../../src/store/sqlite/driver.ts';
import { createTestDatabase } from '../../support/pg.ts';

export interface DialectHarness {
  name: 'sqlite' | 'postgres';
  /** A new, empty database; returns its DATABASE_URL. */
  freshUrl(): Promise<string>;
  /** Run raw SQL (`?` placeholders are rewritten to `$n` for PostgreSQL). */
  exec(url: string, text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Everything the database holds, as text: raw file bytes (SQLite, incl. WAL) or every table dumped (PG). */
  dumpAll(url: string): Promise<string>;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

const sqlite: DialectHarness = {
  name: 'sqlite',
  async freshUrl() {
    const dir = mkdtempSync(join(tmpdir(), 'uigen-store-'));
    tempDirs.push(dir);
    return `sqlite:${join(dir, 'nested', 'payments.db')}`;
  },
  async exec(url, text, params = []) {
    const db = new Database(url.slice('sqlite:'.length), { timeout: 5000 });
    try {
      const stmt = db.prepare(text);
      if (stmt.reader) return stmt.all(...params) as Record<string, unknown>[];
      stmt.run(...params);
      return [];
    } finally {
      db.close();
    }
  },
  async dumpAll(url) {
    const file = url.slice('sqlite:'.length);
    const dir = join(file, '..');
    // The main file plus -wal/-shm: recent writes live in the WAL until a checkpoint.
    return readdirSync(dir)
      .filter((f) => f.startsWith('payments.db'))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('\n');
  },
};

const postgres: DialectHarness = {
  name: 'postgres',
  freshUrl: () => createTestDatabase('store'),
  async exec(url, text, params = []) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      let i = 0;
      return (
        await c.query(
          text.replace(/\?/g, () => `$${++i}`),
          params,
        )
      ).rows;
    } finally {
      await c.end();
    }
  },
  async dumpAll(url) {
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
  },
};

export const DIALECTS: Array<[string, DialectHarness]> = [
  ['sqlite', sqlite],
  ['postgres', postgres],
];

/**
 * Opens (and tracks for closing) a store on `url`; migrated unless `migrate: false`. Open several stores on one
 * SQLite file one after another: a migration holds the write lock across awaits, and better-sqlite3 waits for
 * a lock synchronously, so a second connection in the same process would block the event loop (see
 * src/store/sqlite/sqlite-dialect.ts).
 */
export async function openMany(
  open: ReturnType<typeof storeOpener>,
  url: string,
  n: number,
): Promise<SqlStore[]> {
  const out: SqlStore[] = [];
  for (let i = 0; i < n; i++) out.push(await open(url));
  return out;
}

/** Opens (and tracks for closing) a store on `url`; migrated unless `migrate: false`. */
export function storeOpener() {
  const open: SqlStore[] = [];
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
  });
  return async (
    url: string,
    opts: Partial<OpenStoreOptions> & { migrate?: boolean } = {},
  ): Promise<SqlStore> => {
    const store = await openStore({ databaseUrl: url, ...KEYS, ...opts });
    open.push(store);
    if (opts.migrate !== false) await store.migrate();
    return store;
  };
}

/** One key set per test file, so several stores on one database read each other's rows. */
export const KEYS = generateDevKeys();
