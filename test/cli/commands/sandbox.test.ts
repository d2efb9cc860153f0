import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { captureIO as io } from './capture-io.ts';

const BIN = fileURLToPath(new URL('../../../bin/uigen-pay.js', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts `uigen-pay sandbox` as a real process and waits (bounded) for the URL line. */
async function startCli(args: string[]): Promise<{ url: string; output: () => string }> {
  child = spawn(process.execPath, [BIN, 'sandbox', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STRIPE_WEBHOOK_SECRET: 'whsec_cli_sandbox_0001' },
  });
  let text = '';
  child.stdout?.on('data', (d) => {
    text += d;
  });
  child.stderr?.on('data', (d) => {
    text += d;
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const m = /sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
    if (m) return { url: m[1], output: () => text };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sandbox did not start: ${text}`);
}

describe('uigen-pay sandbox', () => {
  it('starts standalone with failure switches, advances via the CLI, and stops cleanly on SIGTERM', async () => {
    const { url } = await startCli([
      '--duplicate-rate',
      '0.5',
      '--reorder',
      '--delay',
      '5',
      '--webhook-url',
      'http://127.0.0.1:9/webhooks/stripe',
    ]);
    expect(await (await fetch(`${url}/_sandbox/failures`)).json()).toEqual({
      duplicateRate: 0.5,
      reorder: true,
      delayMs: 5,
    });
    const before = (await (await fetch(`${url}/_sandbox/clock`)).json()).now;
    const t = io();
    expect(await main(['sandbox', 'advance', '--days', '3', '--url', url], t.io)).toBe(0);
    expect(t.out[0]).toMatch(/^sandbox clock is now \d{4}-/);
    const after = (await (await fetch(`${url}/_sandbox/clock`)).json()).now;
    expect(after - before).toBeGreaterThanOrEqual(3 * 86_400_000);
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('usage errors exit 2; an unreachable sandbox exits 1', async () => {
    expect(await main(['sandbox', '--duplicate-rate', '2'], io().io)).toBe(2);
    expect(await main(['sandbox', 'advance', '--url', 'http://127.0.0.1:9'], io().io)).toBe(2);
    const t = io();
    expect(await main(['sandbox', 'advance', '--days', '1', '--url', 'http://127.0.0.1:9'], t.io)).toBe(1);
    expect(t.err[0]).toContain('did not accept');
  });
});
