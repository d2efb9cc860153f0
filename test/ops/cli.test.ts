/**
 * The ops CLI verbs (gdpr, retention, flags) through the real dispatcher, on a SQLite database named by
 * DATABASE_URL exactly as an operator would run them.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { generateDevKeys, openStore, type SqlStore } from '../../src/store/index.ts';

const SPEC = join(import.meta.dirname, '../../examples/saas/openapi.yaml');
let dir: string;
let env: NodeJS.ProcessEnv;
let store: SqlStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uigen-ops-cli-'));
  const keys = generateDevKeys();
  env = {
    NODE_ENV: 'test',
    USER: 'dpo',
    DATABASE_URL: `sqlite:${join(dir, 'payments.db')}`,
    UIGEN_ENCRYPTION_KEYS: keys.encryptionKeys,
    UIGEN_BLIND_INDEX_KEY: keys.blindIndexKey,
    STRIPE_SECRET_KEY: 'sk_test_cliTest000000000000',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_cliTest000000000000',
    STRIPE_WEBHOOK_SECRET: 'whsec_cliTest000000000000',
  };
  store = await openStore({ databaseUrl: env.DATABASE_URL!, ...keys });
  await store.migrate();
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, env, cwd: dir };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('uigen-pay flags', () => {
  it('lists open flags, clears one (audited), and refuses an unknown id', async () => {
    const flag = await store.flags.create({
      userId: 'user_flagged',
      reason: 'failed_payments',
      details: { failedPayments: 4 },
      now: Date.now(),
    });
    const list = await cli('flags', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toContain(`#${flag.id}`);
    expect(list.out).toContain('user user_flagged  failed_payments');
    expect(list.out).toContain('checkout: open');

    expect((await cli('flags', 'clear', String(flag.id))).code).toBe(0);
    expect(await store.flags.isFlagged('user_flagged')).toBe(false);
    expect((await cli('flags', 'clear', String(flag.id))).code).toBe(1);
    expect((await cli('flags', 'clear')).code).toBe(2);
    const audit = await store.audit.list({ limit: 100 });
    expect(audit.find((a) => a.action === 'flag.cleared')).toMatchObject({
      actor: 'cli:dpo',
      subject: `flag:${flag.id}`,
    });
  });

  it('pause-checkout / resume-checkout flip the shared switch', async () => {
    expect((await cli('flags', 'pause-checkout')).code).toBe(0);
    expect(await store.settings.get('checkout.paused')).toBe('1');
    expect((await cli('flags', 'list')).out).toContain('checkout: PAUSED');
    const json = JSON.parse((await cli('flags', 'list', '--json')).out);
    expect(json.checkoutPaused).toBe(true);
    expect((await cli('flags', 'resume-checkout')).code).toBe(0);
    expect(await store.settings.get('checkout.paused')).toBe('0');
  });
});

describe('uigen-pay retention', () => {
  it('run --dry-run counts with the default policy when there is no spec; run deletes and reports', async () => {
    const old = Date.now() - 8 * 365 * 86_400_000;
    await store.payments.record({
      provider: 'stripe',
      providerPaymentId: 'pi_ancient',
      userId: 'u_old',
      subscriptionId: null,
      amount: 1,
      currency: 'usd',
      status: 'paid',
      failureCode: null,
      createdAt: old,
    });
    const dry = await cli('retention', 'run', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.err).toContain('default retention policy');
    expect(dry.out).toContain('payment records would delete: 1');
    expect((await store.payments.listByUser('u_old')).length).toBe(1);

    const real = await cli('retention', 'run', '--spec', SPEC);
    expect(real.code).toBe(0);
    expect(real.out).toContain('payment records deleted: 1');
    expect(real.err).toMatch(/pruning: \d+\/\d+ \(100%\)/);
    expect(await store.payments.listByUser('u_old')).toEqual([]);
    expect((await cli('retention', 'prune')).code).toBe(2);
  });
});

describe('uigen-pay gdpr', () => {
  it('export writes what is held to an owner-only file; delete erases and is idempotent', async () => {
    await store.payments.record({
      provider: 'stripe',
      providerPaymentId: 'pi_gdpr_cli',
      userId: 'user_cli_gdpr',
      subscriptionId: null,
      amount: 2900,
      currency: 'usd',
      status: 'paid',
      failureCode: null,
      createdAt: Date.now(),
    });
    const exp = await cli('gdpr', 'export', 'user_cli_gdpr', '--out', 'export.json');
    expect(exp.code).toBe(0);
    const file = join(dir, 'export.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data).toMatchObject({
      userId: 'user_cli_gdpr',
      erased: false,
      payments: [expect.objectContaining({ providerPaymentId: 'pi_gdpr_cli' })],
    });

    const del = await cli('gdpr', 'delete', 'user_cli_gdpr', '--spec', SPEC);
    expect(del.code).toBe(0);
    expect(del.out).toContain('1 payment record(s) pseudonymized');
    expect(await store.payments.listByUser('user_cli_gdpr')).toEqual([]);
    const again = await cli('gdpr', 'delete', 'user_cli_gdpr', '--spec', SPEC);
    expect(again.code).toBe(0);
    expect(again.out).toContain('already erased');
    expect((await cli('gdpr', 'delete')).code).toBe(2);
  });
});
