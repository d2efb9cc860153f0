/**
 * Spawns a TypeScript entry point (through tsx) that prints `port=<n>` once it listens; resolves with the child
 * and its port. Used by the SIGKILL test and the ingest bench, which both need a server in another process.
 */
import { tsNodeArgs } from '../support/ts-node-args.ts';
import { type ChildProcess, spawn } from 'node:child_process';

export function spawnListening(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...nodeArgs, ...tsNodeArgs(), entry, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start: ${err.slice(0, 500)}`));
    }, timeoutMs);
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /port=(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code}): ${err.slice(0, 500)}`));
    });
  });
}
