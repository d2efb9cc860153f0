/**
 * Spec loading at scale: a generated spec with 5,000 operations (1,250 paths × 4 methods, each with a path
 * parameter, a $ref'd response schema, and every third one monetized), loaded and validated end to end with
 * `loadSpec`. Median of several runs, for the JSON and the YAML form of the same document.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadSpec } from '../src/spec/load.ts';
import type { BenchRow } from './types.ts';

const OPERATIONS = 5_000;
const TARGET_MS = 1_000;

const ENV = {
  STRIPE_SECRET_KEY: 'sk_test_51BenchBenchBench',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_51BenchBench',
  STRIPE_WEBHOOK_SECRET: 'whsec_BenchBenchBench',
};

/** The generated document (exported for the bench's own test). */
export function generateSpec(operations = OPERATIONS): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const methods = ['get', 'post', 'put', 'delete'];
  for (let i = 0; i < operations / methods.length; i++) {
    const item: Record<string, unknown> = {};
    for (const m of methods) {
      const n = i * methods.length + methods.indexOf(m);
      item[m] = {
        operationId: `${m}Resource${i}`,
        summary: `Operation ${n}`,
        ...(n % 3 === 0
          ? { 'x-uigen-monetized': { plans: ['pro'], message: 'Upgrade to Pro', redirectTo: '/pricing' } }
          : {}),
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Resource' } } },
          },
        },
      };
    }
    paths[`/resources${i}/{id}`] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'bench', version: '1.0.0' },
    'x-uigen-payments': {
      providers: [
        {
          provider: 'stripe',
          mode: 'test',
          currency: 'usd',
          publishableKey: '${STRIPE_PUBLISHABLE_KEY}',
          apiKey: '${STRIPE_SECRET_KEY}',
          webhookSecret: '${STRIPE_WEBHOOK_SECRET}',
        },
      ],
      successUrl: 'https://app.example.com/ok',
      cancelUrl: 'https://app.example.com/cancel',
      products: [{ id: 'pro', name: 'Pro', price: 2900, interval: 'month', plan: 'pro', features: ['All'] }],
    },
    paths,
    components: { schemas: { Resource: { type: 'object', properties: { id: { type: 'string' } } } } },
  };
}

async function measure(
  file: string,
  runs: number,
): Promise<{ wall: number; cpu: number; monetized: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  let monetized = 0;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const { config } = await loadSpec(file, { env: ENV });
    walls.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    monetized = config.monetized.length;
  }
  return { wall: median(walls), cpu: median(cpus), monetized };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'uigen-spec-bench-'));
  try {
    const doc = generateSpec();
    const jsonFile = join(dir, 'openapi.json');
    const yamlFile = join(dir, 'openapi.yaml');
    writeFileSync(jsonFile, JSON.stringify(doc, null, 2));
    writeFileSync(yamlFile, stringify(doc));
    const runs = quick ? 1 : 5;
    const rows: BenchRow[] = [];
    for (const [label, file] of [
      ['JSON', jsonFile],
      ['YAML', yamlFile],
    ] as const) {
      const { wall, cpu, monetized } = await measure(file, runs);
      if (monetized !== Math.ceil(OPERATIONS / 3))
        throw new Error(`expected ${Math.ceil(OPERATIONS / 3)} monetized operations, got ${monetized}`);
      rows.push({
        name: `loadSpec, ${OPERATIONS} operations, ${label} (median of ${runs}; CPU ${cpu.toFixed(0)} ms)`,
        value: wall,
        unit: 'ms',
        target: `< ${TARGET_MS} ms`,
        met: wall < TARGET_MS,
        // CPU time is steadier than wall time on a shared machine; load average says how shared it was.
        note: `CPU ${cpu.toFixed(0)} ms; load average ${loadavg()[0].toFixed(1)}`,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
