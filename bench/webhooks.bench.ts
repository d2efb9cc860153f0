/**
 * Webhook ingest: verified + durably stored events/s and p99 latency, ours on SQLite and PostgreSQL, against
 * two targets measured in the same run on the same machine:
 *   - the naive baseline from the security guide: Express 5 + express.raw + stripe.webhooks.constructEvent +
 *     an in-memory Set (verified, but NOT durable: a crash loses everything acknowledged);
 *   - a bare node:http server answering 200 (the floor of this machine).
 * Each target runs in its own child process (so the load generator does not share its event loop) and gets
 * the same pre-signed, distinct Stripe events; autocannon drives it for a bounded time.
 * Run alone: `node --import tsx bench/run.ts --only webhooks`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './types.ts';

const SELF = fileURLToPath(import.meta.url);
const FIXTURE = fileURLToPath(new URL('../test/fixtures/webhooks/stripe/invoice.paid.json', import.meta.url));
type Target = 'bare' | 'naive' | 'ours';

// autocannon and express ship no type declarations; these are the few members used here.
type RawRequest = { method: string; path: string; body?: string; headers?: Record<string, string> };
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: Array<{ method: string; path: string; setupRequest: (req: RawRequest) => RawRequest }>;
}) => Promise<{ '2xx': number; non2xx: number; errors: number; duration: number; latency: { p99: number } }>;
type Res = { json(v: unknown): void; status(n: number): Res };
type Express = (() => {
  post(
    path: string,
    mw: unknown,
    h: (req: { body: Buffer; headers: Record<string, string | undefined> }, res: Res) => void,
  ): void;
  listen(port: number, host: string): import('node:http').Server;
}) & { raw(opts: { type: string }): unknown };
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- child side: one server per process

async function serve(target: Target): Promise<number> {
  const { WEBHOOK_SECRET } = await import('../test/webhooks/events.ts');
  if (target === 'bare') {
    const srv = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}'),
      );
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    return (srv.address() as { port: number }).port;
  }
  if (target === 'naive') {
    // The guide's pattern, as a user would write it.
    const express = require('express') as Express;
    const { default: Stripe } = await import('stripe');
    const stripe = new Stripe('sk_test_bench000000000000');
    const processed = new Set<string>();
    const app = express();
    app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
      try {
        const event = stripe.webhooks.constructEvent(
          req.body,
          req.headers['stripe-signature'] as string,
          WEBHOOK_SECRET,
        );
        if (!processed.has(event.id)) processed.add(event.id);
        res.json({ received: true });
      } catch {
        res.status(400).json({ error: 'invalid signature' });
      }
    });
    const srv = app.listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    return (srv.address() as { port: number }).port;
  }
  const { default: Fastify } = await import('fastify');
  const { silentLogger } = await import('../src/log.ts');
  const { createStripeProvider } = await import('../src/providers/stripe/index.ts');
  const { openStore } = await import('../src/store/index.ts');
  const { registerWebhookRoutes } = await import('../src/webhooks/route.ts');
  const { stripeConfig, testConfig } = await import('../test/webhooks/events.ts');
  const env = process.env;
  const store = await openStore({
    databaseUrl: env.DATABASE_URL ?? '',
    encryptionKeys: env.UIGEN_ENCRYPTION_KEYS,
    blindIndexKey: env.UIGEN_BLIND_INDEX_KEY,
    nodeEnv: 'test',
  });
  await store.migrate();
  const app = Fastify({ logger: false });
  // Ingest only (serve --no-worker): the worker's cost is not what this measures.
  await registerWebhookRoutes(app, {
    config: testConfig(),
    providers: new Map([['stripe', createStripeProvider(stripeConfig())]]),
    store,
    logger: silentLogger(),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => store.close())
        .then(() => process.exit(0)),
  );
  return Number(new URL(address).port);
}

if (process.argv[2] === '--serve') {
  const port = await serve(process.argv[3] as Target);
  // CPU marks: the parent asks before and after the measured load; the difference per request is this
  // server's own cost, independent of how busy the machine is.
  process.on('SIGUSR2', () => {
    const u = process.cpuUsage();
    process.stdout.write(`cpu=${u.user + u.system}\n`);
  });
  process.stdout.write(`port=${port}\n`);
}

// ---------------------------------------------------------------- parent side: load and compare

interface Measured {
  eventsPerSec: number;
  p99: number;
  non2xx: number;
  sent: number;
  /** Server CPU time per handled request, µs (its own process only: PostgreSQL's CPU is not included). */
  cpuPerRequest: number;
}

/** Asks the child for its CPU usage (µs) and waits for the answer line. */
function cpuMark(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no cpu mark from the target')), 10_000);
    const onData = (d: Buffer) => {
      const m = /cpu=(\d+)/.exec(String(d));
      if (!m) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(Number(m[1]));
    };
    child.stdout?.on('data', onData);
    child.kill('SIGUSR2');
  });
}

async function startTarget(
  target: Target,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  const { spawnListening } = await import('../test/webhooks/spawn-child.ts');
  // BENCH_CPU_PROF=<dir>: each target writes a V8 CPU profile there on exit (open it in Chrome DevTools).
  const prof = process.env.BENCH_CPU_PROF;
  const nodeArgs = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  return spawnListening(SELF, ['--serve', target], { ...process.env, ...env }, 60_000, nodeArgs);
}

async function stopTarget(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return; // already gone
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Distinct, validly signed events (a realistic invoice.paid body), so every request is a new insert. Each round
 * signs its own batch: signatures are only valid for 300 s, and ids must not repeat across rounds.
 */
async function signedEvents(count: number, tag: string): Promise<Array<{ body: string; signature: string }>> {
  const { signedHeaders } = await import('../test/webhooks/events.ts');
  const template = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  const created = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({ ...template, id: `evt_bench_${tag}_${created}_${i}`, created });
    return { body, signature: signedHeaders(body)['stripe-signature'] };
  });
}

async function load(
  port: number,
  events: Array<{ body: string; signature: string }>,
  seconds: number,
): Promise<Measured> {
  let next = 0;
  const autocannon = require('autocannon') as Autocannon;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 32,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/stripe',
        setupRequest: (req) => {
          const e = events[next++ % events.length];
          return {
            ...req,
            body: e.body,
            headers: { 'content-type': 'application/json', 'stripe-signature': e.signature },
          };
        },
      },
    ],
  });
  return {
    eventsPerSec: result['2xx'] / (result.duration || seconds),
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    sent: next,
    cpuPerRequest: Number.NaN,
  };
}

interface Running {
  child: ChildProcess;
  port: number;
}

async function start(target: Target, env?: Record<string, string>): Promise<Running> {
  const r = await startTarget(target, env);
  // Warm-up (JIT, connection pools, first pages of the database); these ids never come back.
  await load(r.port, await signedEvents(500, `warm_${target}`), 1);
  return r;
}

/** One measured load against an already running target, with its CPU cost per handled request. */
async function measureOnce(
  target: Running,
  events: Array<{ body: string; signature: string }>,
  seconds: number,
): Promise<Measured> {
  const cpuBefore = await cpuMark(target.child);
  const m = await load(target.port, events, seconds);
  const handled = m.eventsPerSec * seconds + m.non2xx;
  return { ...m, cpuPerRequest: ((await cpuMark(target.child)) - cpuBefore) / Math.max(1, handled) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median of each figure over the rounds; `rounds` keeps every round for the note. */
function summarize(ms: Measured[]): Measured & { rounds: Measured[] } {
  return {
    eventsPerSec: median(ms.map((m) => m.eventsPerSec)),
    p99: median(ms.map((m) => m.p99)),
    non2xx: ms.reduce((a, m) => a + m.non2xx, 0),
    sent: Math.max(...ms.map((m) => m.sent)),
    cpuPerRequest: median(ms.map((m) => m.cpuPerRequest)),
    rounds: ms,
  };
}

/**
 * Where an event's time goes, per step, in this process (µs/event): the same bodies through the HMAC check,
 * JSON parsing, payload encryption and the group-committed SQLite insert. HTTP cost = 1 / floor throughput.
 */
async function breakdown(
  events: Array<{ body: string; signature: string }>,
  dir: string,
  keys: { encryptionKeys: string; blindIndexKey: string },
): Promise<BenchRow[]> {
  const { createHmac } = await import('node:crypto');
  const { WEBHOOK_SECRET } = await import('../test/webhooks/events.ts');
  const { openStore, parseKeyring } = await import('../src/store/index.ts');
  const { createInboxWriter } = await import('../src/webhooks/group-commit.ts');
  const sample = events.slice(0, 2_000).map((e) => ({ ...e, raw: Buffer.from(e.body) }));
  const perEvent = (ms: number) => (ms * 1000) / sample.length;
  let t = performance.now();
  for (const e of sample)
    createHmac('sha256', WEBHOOK_SECRET)
      .update(`${Math.floor(Date.now() / 1000)}.`)
      .update(e.raw)
      .digest();
  const hmac = perEvent(performance.now() - t);
  t = performance.now();
  for (const e of sample) JSON.parse(e.raw.toString('utf8'));
  const json = perEvent(performance.now() - t);
  const keyring = parseKeyring(keys.encryptionKeys);
  t = performance.now();
  for (const e of sample) keyring.encrypt(e.body, 'webhook_inbox.payload');
  const encrypt = perEvent(performance.now() - t);
  const store = await openStore({
    databaseUrl: `sqlite:${join(dir, 'breakdown.db')}`,
    ...keys,
    nodeEnv: 'test',
  });
  await store.migrate();
  const writer = createInboxWriter(store);
  t = performance.now();
  await Promise.all(
    sample.map((e, i) =>
      writer.insert({
        provider: 'stripe',
        eventId: `evt_breakdown_${i}`,
        type: 'invoice.paid',
        payload: e.body,
        receivedAt: Date.now(),
      }),
    ),
  );
  const sqlIncl = perEvent(performance.now() - t);
  await store.close();
  const row = (name: string, value: number, note?: string): BenchRow => ({
    name: `time per event: ${name}`,
    value,
    unit: 'µs',
    note,
  });
  return [
    row('HMAC-SHA256 over the raw body', hmac),
    row('JSON.parse of the verified body', json),
    row('AES-256-GCM payload encryption', encrypt),
    row(
      'SQLite inbox insert, group-committed (incl. encryption)',
      sqlIncl,
      '2000 queued at once: batches of up to 64 rows per commit',
    ),
  ];
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const seconds = quick ? 1 : 4;
  // Baseline and ours alternate, round by round, so a busy moment on this shared machine hits both alike;
  // each figure is the median over the rounds.
  const rounds = quick ? 1 : 3;
  const perRound = quick ? 8_000 : 64_000;
  const loadBefore = loadavg()[0];
  const { generateDevKeys } = await import('../src/store/index.ts');
  const keys = { UIGEN_ENCRYPTION_KEYS: '', UIGEN_BLIND_INDEX_KEY: '' };
  ({ encryptionKeys: keys.UIGEN_ENCRYPTION_KEYS, blindIndexKey: keys.UIGEN_BLIND_INDEX_KEY } =
    generateDevKeys());
  const dir = mkdtempSync(join(tmpdir(), 'uigen-bench-wh-'));
  const { startPostgres } = await import('../test/support/postgres.ts');
  const pg = quick ? undefined : await startPostgres();
  const running: Running[] = [];
  try {
    const parts = await breakdown(await signedEvents(2_000, 'breakdown'), dir, {
      encryptionKeys: keys.UIGEN_ENCRYPTION_KEYS,
      blindIndexKey: keys.UIGEN_BLIND_INDEX_KEY,
    });
    const bareT = await start('bare');
    running.push(bareT);
    const bare = await measureOnce(bareT, await signedEvents(perRound, 'bare'), seconds);
    await stopTarget(bareT.child);

    const naiveT = await start('naive');
    running.push(naiveT);
    const sqliteT = await start('ours', { ...keys, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` });
    running.push(sqliteT);
    const naiveRuns: Measured[] = [];
    const sqliteRuns: Measured[] = [];
    for (let r = 0; r < rounds; r++) {
      const events = await signedEvents(perRound, `r${r}`);
      naiveRuns.push(await measureOnce(naiveT, events, seconds));
      sqliteRuns.push(await measureOnce(sqliteT, events, seconds));
    }
    await stopTarget(sqliteT.child);
    await stopTarget(naiveT.child);
    const naive = summarize(naiveRuns);
    const sqlite = summarize(sqliteRuns);
    let postgres: Measured | undefined;
    if (pg) {
      const pgT = await start('ours', { ...keys, DATABASE_URL: await pg.createDatabase('bench_webhooks') });
      running.push(pgT);
      postgres = await measureOnce(pgT, await signedEvents(perRound, 'pg'), seconds);
      await stopTarget(pgT.child);
    }
    const base = { name: 'naive Express+constructEvent+Set', value: naive.eventsPerSec };
    const baseP99 = { name: 'naive p99', value: naive.p99 };
    const wrapped = (m: Measured) =>
      m.sent > perRound ? '; load wrapped around the event pool (repeats answered as duplicates)' : '';
    const rows: BenchRow[] = [
      {
        name: 'floor: bare node:http answering 200 (req/s)',
        value: bare.eventsPerSec,
        unit: 'req/s',
        note: `p99 ${bare.p99} ms`,
      },
      {
        name: 'naive baseline: Express 5 + express.raw + constructEvent + in-memory Set (not durable)',
        value: naive.eventsPerSec,
        unit: 'events/s',
        note: `p99 ${naive.p99} ms; non-2xx ${naive.non2xx}; median of ${rounds} rounds`,
      },
    ];
    // Each round's own ratio (baseline and ours measured back to back), so the spread is visible.
    const perRoundRatios = sqlite.rounds
      .map((m, i) => `${(m.eventsPerSec / naive.rounds[i].eventsPerSec).toFixed(2)}×`)
      .join(', ');
    // Ratios are taken round by round (baseline and ours measured back to back) and the median reported, so a
    // slow moment in one round cannot pair our best round with the baseline's worst.
    const roundRatio = (m: Measured, f: (ours: Measured, base: Measured) => number) =>
      'rounds' in m
        ? median((m as ReturnType<typeof summarize>).rounds.map((r, i) => f(r, naive.rounds[i])))
        : f(m, naive);
    const p99Rounds = (m: Measured) =>
      'rounds' in m
        ? `; per round ours/naive ${(m as ReturnType<typeof summarize>).rounds
            .map((r, i) => `${r.p99}/${naive.rounds[i].p99}`)
            .join(', ')} ms`
        : '';
    const ours = (label: string, m: Measured, target?: { ratio: string; p99: string }, extra = '') => {
      rows.push({
        name: `webhook ingest, ${label}: verified + durably stored (events/s)`,
        value: m.eventsPerSec,
        unit: 'events/s',
        baseline: base,
        ratio: roundRatio(m, (o, b) => o.eventsPerSec / b.eventsPerSec),
        target: target?.ratio,
        met: target ? roundRatio(m, (o, b) => o.eventsPerSec / b.eventsPerSec) >= 1.5 && m.non2xx === 0 : undefined,
        note: `non-2xx ${m.non2xx}${wrapped(m)}${extra}`,
      });
      rows.push({
        name: `webhook ingest p99, ${label} (ms)`,
        value: m.p99,
        unit: 'ms',
        baseline: baseP99,
        ratio: roundRatio(m, (o, b) => (o.p99 > 0 ? b.p99 / o.p99 : Number.NaN)),
        target: target?.p99,
        met: target ? roundRatio(m, (o, b) => (o.p99 > 0 ? b.p99 / o.p99 : Number.NaN)) >= 1 : undefined,
        note: `ratio = baseline p99 / ours (higher is better)${p99Rounds(m)}`,
      });
    };
    const cpuRow = (label: string, m: Measured, withBaseline = true): BenchRow => ({
      name: `server CPU per request, ${label}`,
      value: m.cpuPerRequest,
      unit: 'µs',
      baseline: withBaseline ? { name: 'naive CPU/request', value: naive.cpuPerRequest } : undefined,
      ratio: withBaseline ? naive.cpuPerRequest / m.cpuPerRequest : undefined,
      note: withBaseline
        ? 'ratio = naive / ours: capacity on an idle core relative to the baseline'
        : undefined,
    });
    rows.push(cpuRow('bare node:http', bare), cpuRow('naive baseline', naive, false));
    ours(
      'SQLite',
      sqlite,
      { ratio: '>= 1.5x', p99: '<= baseline' },
      `; median of ${rounds} rounds, per round ${perRoundRatios}`,
    );
    rows.push(cpuRow('ours on SQLite', sqlite));
    if (postgres) {
      ours('PostgreSQL', postgres);
      rows.push(cpuRow('ours on PostgreSQL (excl. the database server)', postgres));
    }
    rows.push(...parts, {
      name: 'time per event: HTTP floor (1 / bare node:http throughput)',
      value: 1e6 / bare.eventsPerSec,
      unit: 'µs',
    });
    // Everything above shares 2 cores with whatever else runs; say how busy the machine was.
    rows.push({
      name: 'machine load average (1 min) before / after',
      value: loadavg()[0],
      unit: '',
      note: `before ${loadBefore.toFixed(1)}`,
    });
    return rows;
  } finally {
    for (const r of running) await stopTarget(r.child);
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
