/**
 * The whole product in-process for integration tests: the `dev` composition (server + worker + sandbox +
 * example upstream) on 127.0.0.1 with a temp .uigen/ dir, SQLite or PostgreSQL, and captured logs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type RunningDev, startDev } from '../../src/cli/dev/start-dev.ts';
import { createLogger } from '../../src/log.ts';
import { issueToken } from '../../src/server/dev-auth.ts';
import type { FailureInjection } from '../../src/sandbox/types.ts';
import { freePort } from './postgres.ts';

export interface TestStack extends RunningDev {
  dir: string;
  /** Every log line the stack wrote (JSON strings). */
  logs: string[];
  token(userId: string): Promise<string>;
  jwtSecret: string;
  api(path: string, init?: RequestInit & { user?: string }): Promise<Response>;
  stop(): Promise<void>;
}

export const SAAS_SPEC = join(import.meta.dirname, '../../examples/saas/openapi.yaml');

export async function startStack(opts: { databaseUrl?: string; failures?: Partial<FailureInjection>; specFile?: string; web?: boolean } = {}): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'uigen-stack-'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(line);
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', destination: sink });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'test' };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const dev = await startDev({
    specFile: opts.specFile ?? SAAS_SPEC,
    cwd: dir,
    env,
    port,
    failures: opts.failures,
    logger,
    log: () => {},
    web: opts.web ?? false,
  });
  const secrets = JSON.parse(readFileSync(join(dir, '.uigen/dev-secrets.json'), 'utf8'));
  const token = (userId: string) => issueToken(secrets.jwtSecret, userId);
  return {
    ...dev,
    dir,
    logs,
    jwtSecret: secrets.jwtSecret,
    token,
    async api(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.user) headers.set('authorization', `Bearer ${await token(init.user)}`);
      if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${dev.appUrl}${path}`, { ...init, headers });
    },
    async stop() {
      await dev.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills and submits the sandbox's hosted checkout form like a person would (no JS needed). */
export async function payInSandbox(checkoutUrl: string, card = '4242 4242 4242 4242'): Promise<Response> {
  const page = await fetch(checkoutUrl);
  const html = await page.text();
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the sandbox checkout page: ${html.slice(0, 200)}`);
  const fields = new URLSearchParams();
  for (const m of form[2].matchAll(/<input([^>]*)>/gi)) {
    const name = /name="([^"]+)"/.exec(m[1])?.[1];
    const value = /value="([^"]*)"/.exec(m[1])?.[1] ?? '';
    const type = /type="([^"]+)"/.exec(m[1])?.[1] ?? 'text';
    if (!name || type === 'submit' || type === 'radio') continue;
    fields.set(name, /card|number/i.test(name) ? card : value);
  }
  const action = new URL(form[1].replace(/&amp;/g, '&'), checkoutUrl);
  return fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
}

/** Polls `fn` until it returns a truthy value or the deadline passes (bounded). */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 10_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}
