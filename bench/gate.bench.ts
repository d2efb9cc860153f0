/**
 * Gate proxy overhead: the example upstream called directly vs through the gate of `uigen-pay dev` (a free path,
 * and a monetized path where the gate verifies the JWT, reads the plan from the store and answers 402). Latency
 * added at p50/p99, measured in the same run with autocannon. The dev stack runs in its own child process, so
 * the load generator does not share its event loop (the upstream shares the gate's process, as in `dev`).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './types.ts';

type Result = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  statusCodeStats?: Record<string, { count: number }>;
};
type RawRequest = { method: string; path: string; headers?: Record<string, string> };
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests?: Array<{ method: string; path: string; setupRequest: (req: RawRequest) => RawRequest }>;
}) => Promise<Result>;
/** Distinct users for the monetized path: each stays under the per-user API rate limit (120/min by default). */
const USERS = 1_000;
const SELF = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------- child side: the dev stack

if (process.argv[2] === '--serve') {
  const dir = process.argv[3];
  const { startDev } = await import('../src/cli/dev/start-dev.ts');
  const { silentLogger } = await import('../src/log.ts');
  const { issueToken } = await import('../src/server/dev-auth.ts');
  const { freePort } = await import('../test/support/postgres.ts');
  const dev = await startDev({
    specFile: join(import.meta.dirname, '../examples/saas/openapi.yaml'),
    cwd: dir,
    env: { PATH: process.env.PATH, NODE_ENV: 'test' },
    port: await freePort(),
    logger: silentLogger(),
    log: () => {},
    web: false,
  });
  const secrets = JSON.parse(readFileSync(join(dir, '.uigen/dev-secrets.json'), 'utf8'));
  const tokens = await Promise.all(
    Array.from({ length: USERS }, (_, i) => issueToken(secrets.jwtSecret, `user_bench_${i}`)),
  );
  writeFileSync(
    join(dir, 'bench.json'),
    JSON.stringify({ appUrl: dev.appUrl, upstreamUrl: dev.upstreamUrl, tokens }),
  );
  process.on('SIGTERM', () => void dev.close().then(() => process.exit(0)));
  process.stdout.write(`port=${new URL(dev.appUrl).port}\n`);
}

// ---------------------------------------------------------------- parent side

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const { spawnListening } = await import('../test/webhooks/spawn-child.ts');
  const dir = mkdtempSync(join(tmpdir(), 'uigen-bench-gate-'));
  let child: ChildProcess | undefined;
  try {
    const prof = process.env.BENCH_CPU_PROF; // <dir>: the dev stack writes a V8 CPU profile there on exit
    const nodeArgs = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
    ({ child } = await spawnListening(SELF, ['--serve', dir], process.env, 60_000, nodeArgs));
    const { appUrl, upstreamUrl, tokens } = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8')) as {
      appUrl: string;
      upstreamUrl: string;
      tokens: string[];
    };
    const duration = quick ? 2 : 6;
    let next = 0;
    const measure = (base: string, path: string, withToken = false) =>
      autocannon({
        url: base,
        connections: 10,
        duration,
        requests: [
          {
            method: 'GET',
            path,
            setupRequest: (req) =>
              withToken
                ? { ...req, headers: { authorization: `Bearer ${tokens[next++ % tokens.length]}` } }
                : req,
          },
        ],
      });
    const statuses = (r: Result) =>
      Object.entries(r.statusCodeStats ?? {})
        .map(([code, v]) => `${code}×${v.count}`)
        .join(', ');
    await measure(upstreamUrl, '/projects'); // warm-up
    await measure(appUrl, '/projects');
    const direct = await measure(upstreamUrl, '/projects');
    const free = await measure(appUrl, '/projects');
    const gated = await measure(appUrl, '/reports/42', true);
    const row = (name: string, r: Result, expected: string): BenchRow[] => [
      {
        name: `${name}: requests/s`,
        value: r.requests.average,
        unit: 'req/s',
        baseline: { name: 'upstream direct', value: direct.requests.average },
        ratio: r.requests.average / direct.requests.average,
        note: `${expected}; errors ${r.errors}`,
      },
      {
        name: `${name}: p50 added`,
        value: r.latency.p50 - direct.latency.p50,
        unit: 'ms',
        note: `p50 ${r.latency.p50} ms vs ${direct.latency.p50} ms direct`,
      },
      {
        name: `${name}: p99 added`,
        value: r.latency.p99 - direct.latency.p99,
        unit: 'ms',
        note: `p99 ${r.latency.p99} ms vs ${direct.latency.p99} ms direct`,
      },
    ];
    return [
      { name: 'upstream direct: requests/s', value: direct.requests.average, unit: 'req/s' },
      ...row('gate, free path (proxied)', free, `statuses ${statuses(free)}`),
      ...row(
        'gate, monetized path (JWT + rate limit + plan lookup → 402)',
        gated,
        `statuses ${statuses(gated)}; ${USERS} users, each under the API rate limit`,
      ),
    ];
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
