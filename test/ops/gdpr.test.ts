/**
 * GDPR erasure against the running product: a real checkout paid in the sandbox provider, webhooks through the
 * inbox and worker, then `gdprDelete` with the real Stripe adapter talking to the sandbox.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { gdprDelete } from '../../src/ops/gdpr.ts';
import { gdprExport } from '../../src/ops/gdpr-export.ts';
import { createProviders } from '../../src/providers/registry.ts';
import { signStripePayload } from '../../src/providers/stripe/stripe-test-signer.ts';
import type { PaymentProvider } from '../../src/providers/types.ts';
import type { ProviderName } from '../../src/spec/types.ts';
import Database from '../../src/store/sqlite/driver.ts';
import { eventually, payInSandbox, startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let providers: Map<ProviderName, PaymentProvider>;
let secrets: { stripeWebhookSecret: string; stripeSecretKey: string };
const userId = `user_gdpr_${randomBytes(5).toString('hex')}`;
let customerId: string;

beforeAll(async () => {
  stack = await startStack();
  secrets = JSON.parse(readFileSync(join(stack.dir, '.uigen/dev-secrets.json'), 'utf8'));
  providers = await createProviders(stack.server.config, stack.server.settings);
  const res = await stack.api('/api/payments/checkout', {
    method: 'POST',
    user: userId,
    body: JSON.stringify({ productId: 'pro-monthly' }),
  });
  expect(res.status).toBe(200);
  await payInSandbox((await res.json()).url);
  await eventually(
    async () => (await (await stack.api('/api/payments/me', { user: userId })).json()).plan === 'pro',
  );
  // Every webhook of the purchase has been delivered and applied (invoice.paid included).
  await fetch(`${stack.sandboxUrl}/_sandbox/deliveries/wait`, { method: 'POST' });
  await eventually(async () => {
    const stats = await stack.server.store.inbox.stats(Date.now());
    return (
      stats.pending + stats.processing === 0 &&
      (await stack.server.store.customers.findByUser(userId)).length > 0
    );
  });
  customerId = (await stack.server.store.customers.findByUser(userId))[0].customerId!;
});
afterAll(async () => {
  await stack?.stop();
});

/** Raw bytes of the SQLite database (main file + WAL/SHM): what a stolen disk would show. */
function rawDatabase(): string {
  const dir = join(stack.dir, '.uigen');
  return readdirSync(dir)
    .filter((f) => f.startsWith('payments.db'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

/** Every table's rows as text, read around the Store (read-only connection). */
function tableDump(): Record<string, string> {
  const db = new Database(join(stack.dir, '.uigen/payments.db'), { readonly: true });
  try {
    const names = db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{
      name: string;
    }>;
    return Object.fromEntries(
      names.map(({ name }) => [name, JSON.stringify(db.prepare(`select * from "${name}"`).all())]),
    );
  } finally {
    db.close();
  }
}

async function postLateWebhook(type: string, object: Record<string, unknown>): Promise<string> {
  const id = `evt_late_${randomBytes(6).toString('hex')}`;
  const body = JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-10-29.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object },
  });
  const res = await fetch(`${stack.appUrl}/webhooks/stripe`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'stripe-signature': signStripePayload(body, secrets.stripeWebhookSecret),
    },
  });
  expect(res.status).toBe(200);
  return id;
}

describe('gdpr delete against the sandbox (SQLite)', () => {
  it('export lists what is held before the erasure', async () => {
    const out = await gdprExport(userId, { store: stack.server.store, now: Date.now() });
    expect(out).toMatchObject({ userId, erased: false });
    expect(out.billingProfiles).toEqual([expect.objectContaining({ provider: 'stripe', customerId })]);
    expect(out.subscriptions).toEqual([expect.objectContaining({ plan: 'pro', status: 'active' })]);
    expect(out.payments.length).toBeGreaterThan(0);
    expect(out.checkouts).toEqual([expect.objectContaining({ productId: 'pro-monthly' })]);
  });

  it('erases the user: provider customer deleted, customer id nowhere on disk, late webhooks recreate nothing, second run succeeds', async () => {
    const store = stack.server.store;
    const first = await gdprDelete(userId, {
      store,
      providers,
      now: Date.now(),
      actor: 'test:dpo',
      logger: silentLogger(),
      pseudonymKey: stack.server.settings.blindIndexKey,
    });
    expect(first).toMatchObject({ alreadyErased: false, customersDeleted: 1, subscriptionsRemoved: 1 });
    expect(first.paymentsPseudonymized).toBeGreaterThan(0);

    // The sandbox (Stripe wire format) reports the customer deleted.
    const c = await fetch(`${stack.sandboxUrl}/v1/customers/${customerId}`, {
      headers: { authorization: `Bearer ${secrets.stripeSecretKey}` },
    });
    expect(await c.json()).toMatchObject({ id: customerId, deleted: true });

    // Late events for that customer and user — including one claiming the user id in metadata — are acknowledged
    // and applied as "erased": nothing is recreated.
    await fetch(`${stack.sandboxUrl}/_sandbox/deliveries/wait`, { method: 'POST' });
    const late = [
      await postLateWebhook('customer.subscription.updated', {
        id: 'sub_late_1',
        object: 'subscription',
        customer: customerId,
        status: 'active',
        cancel_at_period_end: false,
        metadata: { uigen_user_id: userId, uigen_product_id: 'pro-monthly' },
        items: {
          object: 'list',
          data: [
            {
              id: 'si_1',
              current_period_end: Math.floor(Date.now() / 1000) + 86400,
              price: { id: 'price_x' },
            },
          ],
        },
      }),
      await postLateWebhook('checkout.session.completed', {
        id: 'cs_late_1',
        object: 'checkout.session',
        mode: 'payment',
        client_reference_id: userId,
        customer: customerId,
        payment_intent: 'pi_late_1',
        amount_total: 500,
        currency: 'usd',
        payment_status: 'paid',
      }),
      await postLateWebhook('invoice.paid', {
        id: 'in_late_1',
        object: 'invoice',
        customer: customerId,
        amount_paid: 2900,
        currency: 'usd',
        status: 'paid',
      }),
    ];
    for (const id of late)
      await eventually(async () => (await store.inbox.get('stripe', id))?.status === 'done');
    expect(await store.customers.findByUser(userId)).toEqual([]);
    expect(await store.subscriptions.listByUser(userId)).toEqual([]);
    expect(await store.payments.listByUser(userId)).toEqual([]);
    const me = await (await stack.api('/api/payments/me', { user: userId })).json();
    expect(me).toMatchObject({ plan: 'free', subscriptions: [] });

    // Idempotent: a second erasure succeeds and reports it was already done.
    const second = await gdprDelete(userId, {
      store,
      providers,
      now: Date.now(),
      actor: 'test:dpo',
      logger: silentLogger(),
      pseudonymKey: stack.server.settings.blindIndexKey,
    });
    expect(second).toEqual({
      alreadyErased: true,
      customersDeleted: 0,
      subscriptionsRemoved: 0,
      paymentsPseudonymized: 0,
    });

    // The customer id is nowhere on disk in clear (file bytes, WAL included).
    await store.retention.compact();
    expect(rawDatabase().includes(customerId)).toBe(false);
    // The user id is in no table in clear — the audit log included: its chained rows carry pseudonyms.
    await store.retention.compact();
    expect(rawDatabase().includes(userId)).toBe(false);
    const tables = tableDump();
    for (const [table, text] of Object.entries(tables)) expect(text.includes(userId), table).toBe(false);
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining(['billing_profiles', 'subscriptions', 'payments', 'checkout_sessions', 'rate_limits', 'audit_log']),
    );
    // The erasure is audited under the pseudonym, and the chain still verifies.
    const audit = await store.audit.list({ limit: 1000 });
    const erasures = audit.filter((a) => a.action === 'gdpr.delete');
    expect(erasures).toHaveLength(2);
    expect(erasures[0].subject).toMatch(/^erased:[0-9a-f]{40}$/);
    expect(erasures[1].subject).toBe(erasures[0].subject);
    expect((await store.audit.verify()).ok).toBe(true);
  });
});
