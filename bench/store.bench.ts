/**
 * Inbox insert throughput (the durable step before a webhook's 2xx), rows/s, for SQLite and for PostgreSQL
 * (its own embedded server), with one inserter and with 8 concurrent inserters. Each measurement is bounded
 * by time and by row count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDevKeys, openStore, type SqlStore } from '../src/store/index.ts';
import { startPostgres } from '../test/support/postgres.ts';
import type { BenchRow } from './types.ts';

const PAYLOAD = JSON.stringify({
  id: 'evt',
  object: 'event',
  type: 'invoice.paid',
  data: { object: { id: 'in_1', amount_paid: 2900, customer: 'cus_x' } },
});

async function measure(
  store: SqlStore,
  label: string,
  inserters: number,
  ms: number,
  maxRows: number,
): Promise<number> {
  let n = 0;
  const started = performance.now();
  const deadline = started + ms;
  const loop = async (w: number) => {
    for (let i = 0; performance.now() < deadline && n < maxRows; i++) {
      n++;
      const r = await store.inbox.insert({
        provider: 'stripe',
        eventId: `${label}_${w}_${i}`,
        type: 'invoice.paid',
        payload: PAYLOAD,
        receivedAt: Date.now(),
      });
      if (r !== 'inserted') throw new Error(`unexpected ${r}`);
    }
  };
  await Promise.all(Array.from({ length: inserters }, (_, w) => loop(w)));
  return n / ((performance.now() - started) / 1000);
}

async function pair(store: SqlStore, name: string, ms: number, maxRows: number): Promise<BenchRow[]> {
  await measure(store, `${name}_warm`, 1, Math.min(200, ms / 4), 500);
  const single = await measure(store, `${name}_1`, 1, ms, maxRows);
  const concurrent = await measure(store, `${name}_8`, 8, ms, maxRows);
  const singleName = `inbox insert, ${name}, 1 inserter`;
  return [
    { name: singleName, value: single, unit: 'rows/s' },
    {
      name: `inbox insert, ${name}, 8 concurrent inserters`,
      value: concurrent,
      unit: 'rows/s',
      baseline: { name: singleName, value: single },
      ratio: concurrent / single,
      note: name === 'SQLite' ? 'one connection: writes serialize' : 'pool of 10',
    },
  ];
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const ms = quick ? 300 : 3_000;
  const maxRows = quick ? 2_000 : 200_000;
  const keys = generateDevKeys();
  const rows: BenchRow[] = [];

  const dir = mkdtempSync(join(tmpdir(), 'uigen-bench-store-'));
  try {
    const sqlite = await openStore({ databaseUrl: `sqlite:${join(dir, 'bench.db')}`, ...keys });
    await sqlite.migrate();
    rows.push(...(await pair(sqlite, 'SQLite', ms, maxRows)));
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const pg = await startPostgres();
  try {
    const store = await openStore({
      databaseUrl: await pg.createDatabase('bench_store'),
      ...keys,
      poolSize: 10,
    });
    await store.migrate();
    rows.push(...(await pair(store, 'PostgreSQL', ms, maxRows)));
    await store.close();
  } finally {
    await pg.stop();
  }
  return rows;
}
