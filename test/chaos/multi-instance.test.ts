/**
 * (b) 3 `serve --no-worker` + 2 `worker` processes on one PostgreSQL (embedded), deliveries and their duplicates
 * spread across the instances, one serve instance killed mid-run. Exactly once, newest snapshot wins.
 */
import { afterAll, expect, test } from 'vitest';
import { freePort, type RunningPostgres, startPostgres } from '../support/postgres.ts';
import { chaosEnv, deliveryPlan, drained, makeEvents, openChecker, type Proc, rng, SPEC, send, sleep, startProc, stopProc, verify } from './support.ts';

let pg: RunningPostgres | undefined;
const procs: Proc[] = [];
afterAll(async () => {
  for (const p of procs) await stopProc(p, 'SIGKILL');
  await pg?.stop();
});

test('3 serve + 2 worker processes on PostgreSQL: exactly once across instances', async () => {
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
  console.log(`chaos (b) seed=${seed}`);
  const random = rng(seed);
  pg = await startPostgres();
  const url = await pg.createDatabase('chaos_b');
  const c = chaosEnv(url);
  // One migration first, so parallel starts do not race on it.
  const migrate = await startProc(['db', 'migrate'], c.env);
  await new Promise((r) => migrate.child.once('exit', r));

  const ports = await Promise.all([freePort(), freePort(), freePort()]);
  const serves = await Promise.all(
    ports.map((port) => startProc(['serve', '--spec', SPEC, '--port', String(port), '--no-worker'], c.env, `http://127.0.0.1:${port}/healthz`)),
  );
  procs.push(...serves);
  for (let i = 0; i < 2; i++) procs.push(await startProc(['worker', '--spec', SPEC], c.env));
  let live = ports.map((p) => `http://127.0.0.1:${p}/webhooks/stripe`);

  const events = makeEvents(500, 20, random, 'b'); // 10,000 events
  const plan = deliveryPlan(events, random);
  const started = Date.now();
  const sending = send(plan, () => live, c.webhookSecret, { concurrency: 24, deadline: started + 300_000 });
  const killer = (async () => {
    await sleep(3000);
    await stopProc(serves[0], 'SIGKILL');
    live = live.slice(1);
  })();
  const [stats] = await Promise.all([sending, killer]);
  console.log(`chaos (b): ${plan.length} deliveries, ${stats.requests} requests, statuses ${JSON.stringify([...stats.statuses])}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(stats.acked.size).toBe(events.length);

  const checker = await openChecker(c);
  try {
    await drained(checker, 180_000);
    const { problems, appliedEvents } = await verify(checker, events, stats.acked);
    expect(problems).toEqual([]);
    expect(appliedEvents).toBe(events.length);
  } finally {
    await checker.close();
  }
}, 600_000);
