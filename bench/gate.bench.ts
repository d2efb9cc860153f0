/**
 * Gate proxy overhead: the example upstream called directly vs through `serve --upstream` (a free path, and a
 * monetized path where the gate verifies the JWT, reads the plan from the store and answers 402). Latency added
 * at p50/p99, measured in the same run with autocannon.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDev } from '../src/cli/dev/start-dev.ts';
import { silentLogger } from '../src/log.ts';
import { issueToken } from '../src/server/dev-auth.ts';
import { freePort } from '../test/support/postgres.ts';
import type { BenchRow } from './types.ts';

type Result = { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
type Autocannon = (opts: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'uigen-bench-gate-'));
  const dev = await startDev({
    specFile: join(import.meta.dirname, '../examples/saas/openapi.yaml'),
    cwd: dir,
    env: { PATH: process.env.PATH, NODE_ENV: 'test' },
    port: await freePort(),
    logger: silentLogger(),
    log: () => {},
    web: false,
  });
  try {
    const secrets = JSON.parse(readFileSync(join(dir, '.uigen/dev-secrets.json'), 'utf8'));
    const token = await issueToken(secrets.jwtSecret, 'user_bench');
    const duration = quick ? 2 : 6;
    const measure = (url: string, headers?: Record<string, string>) => autocannon({ url, connections: 10, duration, headers });
    await measure(`${dev.upstreamUrl}/projects`); // warm-up
    const direct = await measure(`${dev.upstreamUrl}/projects`);
    const free = await measure(`${dev.appUrl}/projects`);
    const gated = await measure(`${dev.appUrl}/reports/42`, { authorization: `Bearer ${token}` });
    const row = (name: string, r: Result): BenchRow[] => [
      { name: `${name}: requests/s`, value: r.requests.average, unit: 'req/s', baseline: { name: 'upstream direct', value: direct.requests.average }, ratio: r.requests.average / direct.requests.average },
      { name: `${name}: p50 added`, value: r.latency.p50 - direct.latency.p50, unit: 'ms', note: `p50 ${r.latency.p50} ms vs ${direct.latency.p50} ms direct` },
      { name: `${name}: p99 added`, value: r.latency.p99 - direct.latency.p99, unit: 'ms', note: `p99 ${r.latency.p99} ms vs ${direct.latency.p99} ms direct` },
    ];
    return [
      { name: 'upstream direct: requests/s', value: direct.requests.average, unit: 'req/s' },
      ...row('gate, free path (proxied)', free),
      ...row('gate, monetized path (JWT + plan lookup → 402)', gated),
    ];
  } finally {
    await dev.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
