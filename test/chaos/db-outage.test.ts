/**
 * (c) The database goes away for 10 s under load: webhooks answer 503 (the provider retries), nothing that
 * was acknowledged is lost, and processing resumes by itself when the database is back.
 */
import { afterAll, expect, test } from 'vitest';
import { freePort, type RunningPostgres, startPostgres } from '../support/postgres.ts';
import { chaosEnv, deliveryPlan, drained, makeEvents, openChecker, type Proc, rng, SPEC, send, sleep, startProc, stopProc, verify } from './support.ts';

let pg: RunningPostgres | undefined;
let serve: Proc | undefined;
afterAll(async () => {
  if (serve) await stopProc(serve, 'SIGKILL');
  await pg?.stop();
});

test('10 s database outage: 503s while down, no acknowledged event lost, resumes by itself', async () => {
  const random = rng(Number(process.env.CHAOS_SEED ?? 7));
  pg = await startPostgres();
  const url = await pg.createDatabase('chaos_c');
  const port = await freePort();
  const c = chaosEnv(url, `http://127.0.0.1:${port}`);
  serve = await startProc(['serve', '--spec', SPEC, '--port', String(port)], c.env, `http://127.0.0.1:${port}/healthz`);

  const events = makeEvents(100, 20, random, 'c'); // 2,000 events
  const plan = deliveryPlan(events, random);
  const started = Date.now();
  const sending = send(plan, () => [`http://127.0.0.1:${port}/webhooks/stripe`], c.webhookSecret, {
    concurrency: 4,
    deadline: started + 180_000,
  });
  let readyWhileDown = 0;
  const outage = (async () => {
    await sleep(1500);
    await pg!.pause();
    console.log(`chaos (c): database stopped at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const downUntil = Date.now() + 10_000;
    while (Date.now() < downUntil) {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (r) readyWhileDown = r.status;
      await sleep(1000);
    }
    await pg!.resume();
    console.log(`chaos (c): database back at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  })();
  const [stats] = await Promise.all([sending, outage]);
  console.log(`chaos (c): statuses ${JSON.stringify([...stats.statuses])}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(stats.statuses.get(503) ?? 0).toBeGreaterThan(0);
  expect(readyWhileDown).toBe(503);
  expect(stats.acked.size).toBe(events.length);

  const checker = await openChecker(c);
  try {
    await drained(checker, 120_000);
    const { problems } = await verify(checker, events, stats.acked);
    expect(problems).toEqual([]);
  } finally {
    await checker.close();
  }
  // The same serve process kept going: no restart was needed.
  expect(serve.child.exitCode).toBeNull();
}, 400_000);
