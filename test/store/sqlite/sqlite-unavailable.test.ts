import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { StoreUnavailableError } from '../../../src/errors.ts';
import { generateDevKeys, openStore } from '../../../src/store/index.ts';
import Database from '../../../src/store/sqlite/driver.ts';

const dir = mkdtempSync(join(tmpdir(), 'uigen-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a write lock held past busy_timeout gives StoreUnavailableError (503), and the store recovers after', async () => {
  const file = join(dir, 'busy.db');
  const store = await openStore({
    databaseUrl: `sqlite:${file}`,
    ...generateDevKeys(),
    sqliteBusyTimeoutMs: 50,
  });
  await store.migrate();
  const other = new Database(file);
  other.exec('begin immediate');
  const e = { provider: 'stripe' as const, eventId: 'evt_busy', type: 't', payload: '{}', receivedAt: 1 };
  try {
    await expect(store.inbox.insert(e)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.inbox.claim('w', { now: 1, leaseMs: 10, limit: 1 })).rejects.toMatchObject({
      code: 'store_unavailable',
      status: 503,
    });
  } finally {
    other.exec('rollback');
    other.close();
  }
  expect(await store.inbox.insert(e)).toBe('inserted');
  await store.close();
  await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
});

test('sqlite: paths are relative to cwd and parent folders are created', async () => {
  const store = await openStore({ databaseUrl: 'sqlite:deep/er/p.db', cwd: dir, ...generateDevKeys() });
  await store.migrate();
  expect(new Database(join(dir, 'deep/er/p.db')).pragma('journal_mode', { simple: true })).toBe('wal');
  // A new database file is readable by its owner only.
  expect(statSync(join(dir, 'deep/er/p.db')).mode & 0o777).toBe(0o600);
  await store.close();
});
