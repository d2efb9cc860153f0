/**
 * (a) 10,000 signed events, 30 % duplicates, 20 % reordered, sent concurrently while the `serve` process is
 * SIGKILLed and restarted 3 times (SQLite). Every event that got a 2xx is applied exactly once and every
 * subscription ends at its newest snapshot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { freePort } from '../support/postgres.ts';
import { chaosEnv, deliveryPlan, drained, makeEvents, openChecker, type Proc, rng, SPEC, send, sleep, startProc, stopProc, verify } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'uigen-chaos-a-'));
let serve: Proc | undefined;
afterAll(async () => {
  if (serve) await stopProc(serve, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('SIGKILL storm on SQLite: nothing acknowledged is lost or applied twice', async () => {
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
  console.log(`chaos (a) seed=${seed}`);
  const random = rng(seed);
  const port = await freePort();
  const c = chaosEnv(`sqlite:${join(dir, 'payments.db')}`, `http://127.0.0.1:${port}`);
  const args = ['serve', '--spec', SPEC, '--port', String(port)];
  const health = `http://127.0.0.1:${port}/healthz`;
  serve = await startProc(args, c.env, health);

  const events = makeEvents(500, 20, random, 'a'); // 10,000 events
  const plan = deliveryPlan(events, random);
  const started = Date.now();
  const sending = send(plan, () => [`http://127.0.0.1:${port}/webhooks/stripe`], c.webhookSecret, {
    concurrency: 16,
    deadline: started + 240_000,
  });
  let kills = 0;
  const killer = (async () => {
    for (let k = 0; k < 3; k++) {
      await sleep(2500 + random() * 2500);
      await stopProc(serve!, 'SIGKILL');
      kills++;
      await sleep(300);
      serve = await startProc(args, c.env, health);
    }
  })();
  const [stats] = await Promise.all([sending, killer]);
  console.log(`chaos (a): ${plan.length} deliveries, ${stats.requests} requests, ${stats.retries} retries, statuses ${JSON.stringify([...stats.statuses])}, network errors ${stats.networkErrors}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(kills).toBe(3);
  expect(stats.acked.size).toBe(events.length);

  const checker = await openChecker(c);
  try {
    await drained(checker, 120_000);
    const { problems, appliedEvents } = await verify(checker, events, stats.acked);
    expect(problems).toEqual([]);
    expect(appliedEvents).toBe(events.length);
  } finally {
    await checker.close();
  }
}, 420_000);
