import { expect, test } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { generateDevKeys, openStore } from '../../src/store/index.ts';
import { parseDatabaseUrl } from '../../src/store/url.ts';

test('missing keys refuse to open, in production and in development, naming the variable', async () => {
  const keys = generateDevKeys();
  for (const nodeEnv of ['production', 'development']) {
    const a = await openStore({
      databaseUrl: 'sqlite::memory:',
      blindIndexKey: keys.blindIndexKey,
      nodeEnv,
    }).catch((e) => e);
    expect(a).toBeInstanceOf(ConfigError);
    expect(a.message).toMatch(/^UIGEN_ENCRYPTION_KEYS is not set/);
    const b = await openStore({
      databaseUrl: 'sqlite::memory:',
      encryptionKeys: keys.encryptionKeys,
      nodeEnv,
    }).catch((e) => e);
    expect(b.message).toMatch(/^UIGEN_BLIND_INDEX_KEY is not set/);
  }
  const prod = await openStore({ databaseUrl: 'sqlite::memory:', nodeEnv: 'production' }).catch((e) => e);
  expect(prod.message).toContain('required in production');
});

test('DATABASE_URL picks the dialect; anything else is refused without echoing it', () => {
  expect(parseDatabaseUrl('sqlite:.uigen/payments.db', '/srv/app')).toEqual({
    kind: 'sqlite',
    path: '/srv/app/.uigen/payments.db',
  });
  expect(parseDatabaseUrl('sqlite:/var/db/p.db', '/srv')).toEqual({ kind: 'sqlite', path: '/var/db/p.db' });
  expect(parseDatabaseUrl('sqlite::memory:', '/srv')).toEqual({ kind: 'sqlite', path: ':memory:' });
  expect(parseDatabaseUrl('postgresql://u:p@db/x', '/')).toEqual({
    kind: 'postgres',
    url: 'postgresql://u:p@db/x',
  });
  expect(() => parseDatabaseUrl('mysql://u:s3cretpw@h/x', '/')).toThrow(ConfigError);
  expect(() => parseDatabaseUrl('mysql://u:s3cretpw@h/x', '/')).not.toThrow(/s3cretpw/);
  expect(() => parseDatabaseUrl('sqlite:', '/')).toThrow(/needs a file path/);
});

test('generateDevKeys gives a usable, distinct key pair each time', async () => {
  const a = generateDevKeys();
  expect(a.encryptionKeys).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
  expect(Buffer.from(a.blindIndexKey, 'base64')).toHaveLength(32);
  expect(generateDevKeys().encryptionKeys).not.toBe(a.encryptionKeys);
  const s = await openStore({ databaseUrl: 'sqlite::memory:', ...a });
  await s.migrate();
  await s.close();
});
