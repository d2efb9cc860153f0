/**
 * `npm run bench` must finish and print real figures. This runs the webhook ingest bench in its short form
 * (`--quick --only webhooks`: SQLite only, 1 s per load) and checks the table it prints, not the speed: every
 * ingest figure is a finite number and no request failed. (A bench that hung on a target already gone, or
 * printed n/a, passed unnoticed before this test.)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tsNodeArgs } from '../support/ts-node-args.ts';

const ROOT = join(import.meta.dirname, '../..');

function runBench(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...tsNodeArgs(), 'bench/run.ts', '--quick', '--only', 'webhooks'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test('the webhook ingest bench runs to the end and prints finite figures for every target', async () => {
  const { code, out } = await runBench();
  expect(out, out).toContain('bench: webhooks done');
  expect(code, out).toBe(0);
  const row = (name: string) => {
    const line = out.split('\n').find((l) => l.includes(name));
    expect(line, `no row "${name}" in:\n${out}`).toBeDefined();
    const value = /\|\s*([\d.]+) (?:events\/s|req\/s|ms|µs)\s*\|/.exec(line as string);
    expect(value, line).not.toBeNull();
    return Number(value?.[1]);
  };
  expect(row('floor: bare node:http')).toBeGreaterThan(0);
  expect(row('naive baseline: Express 5')).toBeGreaterThan(0);
  expect(row('webhook ingest, SQLite: verified + durably stored')).toBeGreaterThan(0);
  expect(row('webhook ingest p99, SQLite')).toBeGreaterThanOrEqual(0);
  expect(out).not.toMatch(/FAILED \(/);
  expect(out).not.toContain('n/a');
  // Every delivery to our server was acknowledged: the bench only measures what it durably stored.
  expect(out).not.toMatch(/non-2xx [1-9]/);
}, 180_000);
