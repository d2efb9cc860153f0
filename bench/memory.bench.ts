/**
 * Memory after storing many events: our durable inbox keeps dedupe state in the database, so RSS stays flat
 * as events accumulate; the guide's `processed_events = set()` grows with every event (and forgets them all on
 * restart). Both measured in child processes in the same run.
 */
import { tsNodeArgs } from '../test/support/ts-node-args.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './types.ts';

const SELF = fileURLToPath(import.meta.url);

async function child(mode: 'inbox' | 'set', n: number, dir: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const started = Date.now();
  if (mode === 'set') {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) seen.add(`evt_${i.toString(36).padStart(8, '0')}${'x'.repeat(16)}`);
    (globalThis as { keep?: unknown }).keep = seen;
  } else {
    const { generateDevKeys, openStore } = await import('../src/store/index.ts');
    const store = await openStore({ databaseUrl: `sqlite:${join(dir, 'mem.db')}`, ...generateDevKeys(), nodeEnv: 'test' });
    await store.migrate();
    const payload = '{"object":"event"}';
    const batch = 500;
    for (let i = 0; i < n; i += batch) {
      await store.transaction(async (tx) => {
        for (let j = i; j < Math.min(n, i + batch); j++) {
          await tx.inbox.insert({ provider: 'stripe', eventId: `evt_${j.toString(36).padStart(8, '0')}${'x'.repeat(16)}`, type: 'invoice.paid', payload, receivedAt: Date.now() });
        }
      });
    }
    // Still answers dedupe for the oldest id after n inserts.
    const dup = await store.inbox.insert({ provider: 'stripe', eventId: `evt_${(0).toString(36).padStart(8, '0')}${'x'.repeat(16)}`, type: 'invoice.paid', payload, receivedAt: Date.now() });
    if (dup !== 'duplicate') throw new Error('dedupe failed');
    await store.close();
  }
  global.gc?.();
  const after = process.memoryUsage().rss;
  process.stdout.write(JSON.stringify({ rssMiB: after / 2 ** 20, grewMiB: (after - before) / 2 ** 20, seconds: (Date.now() - started) / 1000 }));
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const n = quick ? 50_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'uigen-bench-mem-'));
  try {
    const exec = (mode: string) =>
      JSON.parse(execFileSync(process.execPath, ['--expose-gc', ...tsNodeArgs(), SELF, mode, String(n), dir], { encoding: 'utf8', timeout: 600_000 })) as { rssMiB: number; grewMiB: number; seconds: number };
    const set = exec('set');
    const inbox = exec('inbox');
    return [
      { name: `RSS after ${n.toLocaleString('en')} events, in-memory Set (guide)`, value: set.rssMiB, unit: 'MiB', note: `grew ${set.grewMiB.toFixed(0)} MiB; lost on restart` },
      {
        name: `RSS after ${n.toLocaleString('en')} events, durable SQLite inbox`,
        value: inbox.rssMiB,
        unit: 'MiB',
        baseline: { name: 'in-memory Set', value: set.rssMiB },
        ratio: inbox.rssMiB / set.rssMiB,
        note: `grew ${inbox.grewMiB.toFixed(0)} MiB; ${(n / inbox.seconds).toFixed(0)} inserts/s; survives restart`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  const [mode, n, dir] = process.argv.slice(2);
  await child(mode as 'inbox' | 'set', Number(n), dir);
}
