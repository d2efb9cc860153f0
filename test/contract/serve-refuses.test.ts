/**
 * DESIGN.md: "Errors stop serve", fail closed on a missing webhook secret or key material, and the provider
 * API base override is honoured only in test mode. Each case is a real `uigen-pay serve` child process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../support/postgres.ts';
import { hsToken, removeDir, ROOT, runCli, SAAS_SPEC, serveEnv, startLong, tempDir } from './support.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeDir(dir));

/** Runs serve expecting it to refuse; a serve that starts instead is killed by the timeout and fails the test. */
async function refuses(env: NodeJS.ProcessEnv, spec = SAAS_SPEC) {
  const port = await freePort();
  return runCli(['serve', '--spec', spec], { cwd: dir, env: { ...env, PORT: String(port) }, timeoutMs: 120_000 });
}

describe.concurrent('serve refuses to start (exit 1)', () => {
  it.each([
    ['STRIPE_WEBHOOK_SECRET', undefined],
    ['STRIPE_WEBHOOK_SECRET', ''],
    ['UIGEN_ENCRYPTION_KEYS', undefined],
    ['UIGEN_BLIND_INDEX_KEY', undefined],
    ['UIGEN_AUTH_JWT_SECRET', undefined],
  ])('when %s is %j, naming the variable and printing no secret', async (name, value) => {
    const env = serveEnv();
    if (value === undefined) delete env[name];
    else env[name] = value;
    const r = await refuses(env);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(name === 'UIGEN_AUTH_JWT_SECRET' ? 'UIGEN_AUTH_' : name);
    for (const secret of [env.STRIPE_SECRET_KEY, env.STRIPE_WEBHOOK_SECRET, env.UIGEN_BLIND_INDEX_KEY, env.UIGEN_AUTH_JWT_SECRET]) {
      if (secret) expect(r.stdout + r.stderr).not.toContain(secret);
    }
  });

  it('when a key prefix does not match the mode (sk_live_ in test mode), naming the field, not the key', async () => {
    const env = serveEnv();
    env.STRIPE_SECRET_KEY = env.STRIPE_SECRET_KEY!.replace('sk_test_', 'sk_live_');
    const r = await refuses(env);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/apiKey|STRIPE_SECRET_KEY/);
    expect(r.stdout + r.stderr).not.toContain(env.STRIPE_SECRET_KEY);
  });

  it('when x-uigen-payments is both at the root and under info', async () => {
    const r = await refuses(serveEnv(), join(ROOT, 'test/fixtures/specs/payments-duplicate.yaml'));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/E_PAYMENTS_DUPLICATE|keep exactly one/);
  });
});

describe('UIGEN_STRIPE_API_BASE', () => {
  let fake: Server;
  let fakeUrl: string;
  const hits: string[] = [];
  beforeAll(async () => {
    fake = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":{"type":"api_error","message":"contract fake"}}');
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    fakeUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => fake.close(() => r())));

  async function checkoutThrough(mode: 'test' | 'live'): Promise<number> {
    const spec = join(dir, `${mode}.yaml`);
    let text = readFileSync(SAAS_SPEC, 'utf8');
    if (mode === 'live') text = text.replace('mode: test', 'mode: live');
    writeFileSync(spec, text);
    const env = serveEnv({ UIGEN_STRIPE_API_BASE: fakeUrl, DATABASE_URL: `sqlite:${join(dir, `${mode}.db`)}`, PORT: String(await freePort()) });
    if (mode === 'live') {
      env.STRIPE_SECRET_KEY = env.STRIPE_SECRET_KEY!.replace('sk_test_', 'sk_live_');
      env.STRIPE_PUBLISHABLE_KEY = env.STRIPE_PUBLISHABLE_KEY!.replace('pk_test_', 'pk_live_');
      env.NODE_ENV = 'production';
      env.APP_URL = 'https://app.example.com';
    }
    const server = await startLong(['serve', '--spec', spec, '--allow-live'], { cwd: dir, env });
    try {
      const res = await fetch(`${server.url}/api/payments/checkout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await hsToken(env.UIGEN_AUTH_JWT_SECRET, `u-${mode}`)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ productId: 'pro-monthly' }),
      });
      expect(res.status).toBeGreaterThanOrEqual(500);
      const text = await res.text();
      expect(text).not.toContain('contract fake');
      expect(text).not.toContain(env.STRIPE_SECRET_KEY);
      return res.status;
    } finally {
      await server.stop();
    }
  }

  it('is honoured in test mode (requests reach the override)', async () => {
    hits.length = 0;
    await checkoutThrough('test');
    expect(hits.length).toBeGreaterThan(0);
  });

  it('is ignored in live mode (nothing reaches the override)', async () => {
    hits.length = 0;
    await checkoutThrough('live');
    expect(hits).toEqual([]);
  });
});
