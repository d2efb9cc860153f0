/**
 * Real stores for ops tests, on the store suite's dialect harness: SQLite in a temp dir (raw bytes readable,
 * incl. WAL) or a fresh PostgreSQL database on the run's embedded server (every table dumpable).
 */
import { afterAll } from 'vitest';
import { generateDevKeys, openStore, type SqlStore } from '../../../src/store/index.ts';
import { DIALECTS } from '../../store/contract/harness.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface OpsStore {
  store: SqlStore;
  url: string;
  keys: { encryptionKeys: string; blindIndexKey: string };
  /** Everything the database holds as text: SQLite file bytes (+ WAL), or every PostgreSQL table dumped. */
  dumpAll(): Promise<string>;
}

const opened: SqlStore[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});

export async function openOpsStore(dialect: DialectName = 'sqlite', now?: () => number): Promise<OpsStore> {
  const harness = DIALECTS.find(([name]) => name === dialect)![1];
  const keys = generateDevKeys();
  const url = await harness.freshUrl();
  const store = await openStore({ databaseUrl: url, ...keys, now });
  opened.push(store);
  await store.migrate();
  return { store, url, keys, dumpAll: () => harness.dumpAll(url) };
}
