/**
 * Black-box harness for the public contract (DESIGN.md): the CLI as a child process with a temp cwd and an
 * explicit env, and HTTP on 127.0.0.1. Nothing here imports product code, so the tests see only what users see.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';

export const ROOT = join(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/uigen-pay.js');
export const SAAS_SPEC = join(ROOT, 'examples/saas/openapi.yaml');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `uigen-pay <args>` to completion (bounded by `timeoutMs`). */
export function runCli(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`uigen-pay ${args.join(' ')} timed out: ${stderr.slice(-2000)}`));
    }, opts.timeoutMs ?? 150_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh temp directory; remove it with `rmSync(dir, {recursive: true, force: true})`. */
export function tempDir(prefix = 'uigen-contract-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** base64 of 32 random bytes — the key format of UIGEN_ENCRYPTION_KEYS / UIGEN_BLIND_INDEX_KEY. */
export const key32 = () => randomBytes(32).toString('base64');

/** A complete `serve` environment for the SaaS example spec (Stripe, test mode), nothing inherited but PATH. */
export function serveEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv & { STRIPE_WEBHOOK_SECRET: string; UIGEN_AUTH_JWT_SECRET: string } {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    UIGEN_ENCRYPTION_KEYS: `k1:${key32()}`,
    UIGEN_BLIND_INDEX_KEY: key32(),
    UIGEN_AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    STRIPE_SECRET_KEY: `sk_test_contract${randomBytes(12).toString('hex')}`,
    STRIPE_PUBLISHABLE_KEY: `pk_test_contract${randomBytes(12).toString('hex')}`,
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('hex')}`,
    ...extra,
  } as NodeJS.ProcessEnv & { STRIPE_WEBHOOK_SECRET: string; UIGEN_AUTH_JWT_SECRET: string };
}

export interface Running {
  child: ChildProcess;
  url: string;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts a long-running verb (`serve`, `dev`) and resolves once `urlPattern` shows its URL on stderr and
 * /healthz answers. Rejects with the process's stderr if it exits first or misses the deadline.
 */
export async function startLong(
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; urlPattern?: RegExp; timeoutMs?: number },
): Promise<Running> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const pattern = opts.urlPattern ?? /serving on (https?:\/\/[^\s()]+)/;
  const deadline = Date.now() + (opts.timeoutMs ?? 150_000);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`uigen-pay ${args[0]} exited ${child.exitCode}: ${err.slice(-3000)}`);
    const m = pattern.exec(err);
    if (m) {
      const url = m[1].replace(/\/$/, '');
      try {
        if ((await fetch(`${url}/healthz`)).ok) return { child, url, stderr: () => err, stop };
      } catch {}
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`uigen-pay ${args[0]} did not start: ${err.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An HS256 bearer token for `sub`, as an app sharing UIGEN_AUTH_JWT_SECRET would mint it. */
export function hsToken(secret: string, sub: string, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

/** Stripe's documented `Stripe-Signature` scheme: `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function stripeSignature(secret: string, body: string, t = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** A minimal Stripe event of an unknown-to-us type (stored and acknowledged per the contract). */
export function stripeEvent(id = `evt_${randomBytes(8).toString('hex')}`, type = 'contract.test_event'): string {
  return JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: 'obj_1', object: 'thing' } } });
}

/** Asserts the contract's error shape and returns the parsed error. */
export async function errorBody(res: Response): Promise<{ code: string; message: string; requestId: string }> {
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
  const e = body.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || typeof e.requestId !== 'string' || !e.requestId) {
    throw new Error(`not the contract error shape (status ${res.status}): ${JSON.stringify(body)}`);
  }
  return e as { code: string; message: string; requestId: string };
}
