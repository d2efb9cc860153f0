import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command.ts';
import { main } from '../../../src/cli/main.ts';
import { generateDevKeys, openStore } from '../../../src/store/index.ts';
import type { Store } from '../../../src/store/types.ts';
import { invoiceObject, stripeEvent, uid, WEBHOOK_SECRET } from '../../webhooks/events.ts';

const BIN = join(import.meta.dirname, '../../../bin/uigen-pay.js');
const SPEC = join(import.meta.dirname, '../../../examples/saas/openapi.yaml');

function captureIO(env: NodeJS.ProcessEnv, cwd: string): CliIO & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return {
    out: (l) => outLines.push(l),
    err: (l) => errLines.push(l),
    isTTY: false,
    env,
    cwd,
    outLines,
    errLines,
  };
}

describe('uigen-pay worker --once and webhooks replay (sqlite)', () => {
  let dir: string;
  let store: Store;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uigen-cli-wh-'));
    const keys = generateDevKeys();
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `sqlite:${join(dir, 'p.db')}`,
      UIGEN_ENCRYPTION_KEYS: keys.encryptionKeys,
      UIGEN_BLIND_INDEX_KEY: keys.blindIndexKey,
      STRIPE_SECRET_KEY: 'sk_test_cliworker000000000',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_cliworker000000000',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      UIGEN_AUTH_JWT_SECRET: 'x'.repeat(40),
    };
    store = await openStore({
      databaseUrl: env.DATABASE_URL!,
      encryptionKeys: keys.encryptionKeys,
      blindIndexKey: keys.blindIndexKey,
      nodeEnv: 'test',
    });
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('worker --once applies what is due; replay re-queues only dead letters', async () => {
    const userId = uid('user');
    const customer = uid('cus');
    const invoiceId = uid('in');
    await store.customers.upsert({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
    const body = stripeEvent('invoice.paid', invoiceObject({ id: invoiceId, customer }));
    await store.inbox.insert({
      provider: 'stripe',
      eventId: JSON.parse(body).id,
      type: 'invoice.paid',
      payload: body,
      receivedAt: Date.now(),
    });
    // An event whose stored body cannot be parsed: dead-lettered at once (retrying cannot help).
    await store.inbox.insert({
      provider: 'stripe',
      eventId: uid('evt'),
      type: 'invoice.paid',
      payload: '{broken',
      receivedAt: Date.now(),
    });

    const io = captureIO(env, dir);
    expect(await main(['worker', '--spec', SPEC, '--once'], io)).toBe(0);
    expect(io.outLines.join('\n')).toMatch(/processed 2 event/);
    expect((await store.payments.listByUser(userId)).map((p) => p.providerPaymentId)).toEqual([invoiceId]);
    const dead = await store.inbox.list({ status: 'dead', limit: 10 });
    expect(dead).toHaveLength(1);
    expect(dead[0].lastError).toBe('malformed_payload');

    const replayIO = captureIO(env, dir);
    expect(await main(['webhooks', 'replay', '--id', String(dead[0].id)], replayIO)).toBe(0);
    expect(replayIO.outLines).toEqual(['re-queued 1 dead-lettered event(s)']);
    expect((await store.inbox.list({ status: 'pending', limit: 10 })).map((r) => r.id)).toEqual([dead[0].id]);
  });

  it('a worker process stops on SIGTERM with exit code 0', async () => {
    const child = spawn(process.execPath, [BIN, 'worker', '--spec', SPEC, '--poll-ms', '50'], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let err = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker did not start: ${err}`)), 45_000);
        child.stderr?.on('data', (d) => {
          err += d;
          if (err.includes('worker running')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(err).toContain('draining');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('usage errors exit 2', async () => {
    expect(await main(['webhooks', 'replay', '--id', 'abc'], captureIO(env, dir))).toBe(2);
    expect(await main(['webhooks', 'nope'], captureIO(env, dir))).toBe(2);
    expect(await main(['worker'], captureIO(env, dir))).toBe(2);
  });
});
