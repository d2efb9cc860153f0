/**
 * The storage verbs through the real CLI dispatcher (`uigen-pay db|keys|audit-log`). Kept under test/store
 * because the storage area owns them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { CliIO } from '../../../src/cli/command.ts';
import { main } from '../../../src/cli/main.ts';
import { generateDevKeys, generateKeyEntry, openStore, parseKeyring } from '../../../src/store/index.ts';
import Database from '../../../src/store/sqlite/driver.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function workspace() {
  const cwd = mkdtempSync(join(tmpdir(), 'uigen-cli-'));
  dirs.push(cwd);
  const keys = generateDevKeys();
  const env = {
    DATABASE_URL: 'sqlite:.uigen/payments.db',
    UIGEN_ENCRYPTION_KEYS: keys.encryptionKeys,
    UIGEN_BLIND_INDEX_KEY: keys.blindIndexKey,
  };
  const cli = async (args: string[], extraEnv: Record<string, string | undefined> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      isTTY: false,
      env: { ...env, ...extraEnv },
      cwd,
    };
    const code = await main(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const open = (encryptionKeys = keys.encryptionKeys) =>
    openStore({
      databaseUrl: `sqlite:${join(cwd, '.uigen/payments.db')}`,
      encryptionKeys,
      blindIndexKey: keys.blindIndexKey,
    });
  return { cwd, keys, cli, open };
}

test('db migrate applies once, then reports up to date; db status; bad usage exits 2', async () => {
  const w = workspace();
  expect(await w.cli(['db', 'status'])).toMatchObject({
    code: 1,
    out: expect.stringContaining('0 of 1 migrations applied'),
  });
  const first = await w.cli(['db', 'migrate']);
  expect(first).toMatchObject({ code: 0 });
  expect(first.out).toContain('applied 001_initial');
  expect(await w.cli(['db', 'migrate'])).toMatchObject({
    code: 0,
    out: 'sqlite: schema is up to date (1 migrations)',
  });
  expect(await w.cli(['db', 'status'])).toMatchObject({
    code: 0,
    out: expect.stringContaining('(up to date)'),
  });
  expect((await w.cli(['db'])).code).toBe(2);
  expect((await w.cli(['db', 'migrate', 'extra'])).code).toBe(2);
});

test('keys come from .env.local when the environment lacks them; missing keys fail with the variable name', async () => {
  const w = workspace();
  const missing = await w.cli(['db', 'migrate'], { UIGEN_ENCRYPTION_KEYS: undefined });
  expect(missing.code).toBe(1);
  expect(missing.err).toContain('UIGEN_ENCRYPTION_KEYS is not set');
  writeFileSync(join(w.cwd, '.env.local'), `UIGEN_ENCRYPTION_KEYS=${w.keys.encryptionKeys}\n`);
  expect((await w.cli(['db', 'migrate'], { UIGEN_ENCRYPTION_KEYS: undefined })).code).toBe(0);
});

test('audit-log verify exits 0 on an intact chain and 1 naming the tampered row', async () => {
  const w = workspace();
  await w.cli(['db', 'migrate']);
  const s = await w.open();
  for (let i = 1; i <= 4; i++)
    await s.audit.append({ actor: 'admin', action: 'refund', subject: `pay_${i}`, at: i });
  await s.close();
  expect(await w.cli(['audit-log', 'verify'])).toMatchObject({
    code: 0,
    out: 'audit log intact: 4 row(s) verified',
  });
  const raw = new Database(join(w.cwd, '.uigen/payments.db'));
  raw.prepare("update audit_log set subject = 'pay_X' where id = 2").run();
  raw.close();
  const broken = await w.cli(['audit-log', 'verify']);
  expect(broken.code).toBe(1);
  expect(broken.out).toBe(
    'audit log BROKEN at row 2: row contents do not match its hash (1 row(s) before it verified)',
  );
  expect(JSON.parse((await w.cli(['audit-log', 'verify', '--json'])).out)).toMatchObject({
    ok: false,
    brokenAt: 2,
  });
  expect((await w.cli(['audit-log'])).code).toBe(2);
});

test('keys rotate re-encrypts under the new active key with progress and counts, records dates, and is resumable', async () => {
  const w = workspace();
  await w.cli(['db', 'migrate']);
  const s = await w.open();
  for (let i = 0; i < 12; i++) {
    await s.inbox.insert({
      provider: 'stripe',
      eventId: `evt_${i}`,
      type: 't',
      payload: `{"i":${i}}`,
      receivedAt: i,
    });
    if (i % 2 === 0)
      await s.customers.upsert({ userId: `u${i}`, provider: 'stripe', customerId: `cus_${i}`, now: i });
  }
  await s.close();
  writeFileSync(
    join(w.cwd, '.uigen/keys.json'),
    JSON.stringify({ keys: [{ kid: 'k1', createdAt: '2026-01-01T00:00:00.000Z' }] }),
  );

  const gen = await w.cli(['keys', 'generate', '--kid', 'k2']);
  expect(gen.code).toBe(0);
  expect(parseKeyring(gen.out).activeKid).toBe('k2');
  const both = `${gen.out},${w.keys.encryptionKeys}`;

  const run = await w.cli(['keys', 'rotate', '--batch', '5'], { UIGEN_ENCRYPTION_KEYS: both });
  expect(run.code).toBe(0);
  expect(run.out).toContain("re-encrypted 18 value(s) under key 'k2'; 0 left under older keys");
  expect(run.err).toContain("re-encrypting under 'k2': 18/18 (100%)");
  const dates = JSON.parse(readFileSync(join(w.cwd, '.uigen/keys.json'), 'utf8')).keys;
  expect(dates[0]).toMatchObject({ kid: 'k2', active: true });
  expect(Date.now() - Date.parse(dates[0].createdAt)).toBeLessThan(60_000);
  expect(dates[1]).toEqual({ kid: 'k1', createdAt: '2026-01-01T00:00:00.000Z', active: false });

  expect((await w.cli(['keys', 'rotate'], { UIGEN_ENCRYPTION_KEYS: both })).out).toContain(
    're-encrypted 0 value(s)',
  );
  const onlyNew = await w.open(gen.out);
  expect((await onlyNew.inbox.get('stripe', 'evt_11'))?.payload).toBe('{"i":11}');
  expect((await onlyNew.customers.findByUser('u10'))[0].customerId).toBe('cus_10');
  expect((await onlyNew.audit.list({ limit: 10 })).map((e) => [e.action, e.subject])).toEqual([
    ['keys.rotate', 'k2'],
    ['keys.rotate', 'k2'],
  ]);
  await onlyNew.close();
  expect((await w.cli(['keys', 'rotate', '--batch', '0'])).code).toBe(2);
  expect((await w.cli(['keys'])).code).toBe(2);
  expect(generateKeyEntry('k3')).toMatch(/^k3:/);
});
