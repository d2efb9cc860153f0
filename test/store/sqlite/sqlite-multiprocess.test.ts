import { tsNodeArgs } from '../../support/ts-node-args.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { generateDevKeys, openStore } from '../../../src/store/index.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'uigen-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('two processes claiming from one SQLite file never get the same row', async () => {
  const file = join(dir, 'shared.db');
  const keys = generateDevKeys();
  const store = await openStore({ databaseUrl: `sqlite:${file}`, ...keys });
  await store.migrate();
  for (let i = 0; i < 120; i++)
    await store.inbox.insert({
      provider: 'stripe',
      eventId: `evt_${i}`,
      type: 't',
      payload: '{}',
      receivedAt: i,
    });
  await store.close();

  const worker = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));
  const children = ['p1', 'p2'].map((owner) =>
    run(process.execPath, [...tsNodeArgs(), worker, file, keys.encryptionKeys, keys.blindIndexKey, owner], {
      timeout: 60_000,
    }),
  );
  const [a, b] = (await Promise.all(children)).map((r) => JSON.parse(r.stdout) as number[]);
  const all = [...a, ...b];
  expect(new Set(all).size).toBe(all.length);
  expect(all.length).toBe(120);

  const check = await openStore({ databaseUrl: `sqlite:${file}`, ...keys });
  expect((await check.inbox.stats(6_000)).done).toBe(120);
  await check.close();
}, 90_000);
