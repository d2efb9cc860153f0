import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { DIALECTS, storeOpener } from './harness.ts';

describe.each(DIALECTS)('migrations contract (%s)', (_name, h) => {
  const open = storeOpener();

  test('openStore does not migrate; migrate applies once and re-running is a no-op', async () => {
    const url = await h.freshUrl();
    const s = await open(url, { migrate: false });
    expect(await s.migrationStatus()).toEqual({ current: false, applied: 0, known: 1 });
    expect(await s.migrate()).toEqual({ applied: ['001_initial'] });
    expect(await s.migrate()).toEqual({ applied: [] });
    const other = await open(url, { migrate: false });
    expect(await other.migrate()).toEqual({ applied: [] });
    expect(await s.migrationStatus()).toEqual({ current: true, applied: 1, known: 1 });
  });

  test('stores migrating one database at once apply each migration exactly once', async () => {
    const url = await h.freshUrl();
    // SQLite: stores in one process migrate one after another (see harness); PostgreSQL: truly at once.
    const stores = await Promise.all([0, 1, 2, 3].map(() => open(url, { migrate: false })));
    const results = h.name === 'postgres' ? await Promise.all(stores.map((s) => s.migrate())) : [];
    if (h.name !== 'postgres') for (const s of stores) results.push(await s.migrate());
    expect(results.flatMap((r) => r.applied)).toEqual(['001_initial']);
    expect(await stores[3].migrationStatus()).toEqual({ current: true, applied: 1, known: 1 });
  });

  test('a database migrated by a newer version is refused with a clear error', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    await h.exec(url, "insert into uigen_migrations (name, applied_at) values ('002_from_the_future', 0)");
    const err = await s.migrate().catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/^database schema is newer than this version of uigen-payments/);
    expect(err.message).toContain('002_from_the_future');
    expect((await s.migrationStatus()).current).toBe(false);
  });

  test('ping answers on a reachable database', async () => {
    const s = await open(await h.freshUrl(), { migrate: false });
    await expect(s.ping()).resolves.toBeUndefined();
    expect(s.dialect).toBe(h.name);
    expect(s.capabilities.skipLocked).toBe(h.name === 'postgres');
  });
});
