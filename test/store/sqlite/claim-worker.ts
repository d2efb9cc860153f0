/**
 * Child process for the cross-process claim test: claims from a shared SQLite file until nothing is left and
 * prints the ids it got as JSON. Keys arrive as argv so the parent and children read the same rows.
 */
import { openStore } from '../../../src/store/index.ts';

const [file, encryptionKeys, blindIndexKey, owner] = process.argv.slice(2);
const store = await openStore({ databaseUrl: `sqlite:${file}`, encryptionKeys, blindIndexKey });
const got: number[] = [];
for (let round = 0; round < 1000; round++) {
  const rows = await store.inbox.claim(owner, { now: 5_000, leaseMs: 600_000, limit: 3 });
  if (rows.length === 0) break;
  for (const r of rows) got.push(r.id);
  // Mark in a transaction so the two processes also contend on explicit write transactions.
  await store.transaction(async (tx) => {
    for (const r of rows) await tx.inbox.markDone(r.id, owner, 5_001);
  });
}
await store.close();
process.stdout.write(JSON.stringify(got));
