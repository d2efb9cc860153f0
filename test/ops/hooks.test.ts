/**
 * The ops hooks wired the way `serve` wires them: signed Stripe webhooks → inbox → worker → billing → onApplied,
 * with alerts going to a real local HTTP receiver (Slack format) and a real local SMTP server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../src/billing/index.ts';
import { createAlerter } from '../../src/ops/alerts/index.ts';
import { createOpsHooks } from '../../src/ops/hooks.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import type { NormalizedEvent } from '../../src/providers/types.ts';
import { startWorker } from '../../src/webhooks/worker.ts';
import {
  openTestStore,
  signedHeaders,
  startApp,
  stripeEvent,
  type TestApp,
  type TestStore,
  testProviders,
  uid,
} from '../webhooks/harness.ts';
import { testConfig } from './support/config.ts';
import { captureLogger } from './support/logs.ts';
import { type HttpReceiver, startHttpReceiver, startSmtp } from './support/receivers.ts';

let db: TestStore;
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let slack: HttpReceiver;

beforeAll(async () => {
  db = await openTestStore('sqlite');
  app = await startApp(db.store);
  smtp = await startSmtp();
  slack = await startHttpReceiver();
});
afterAll(async () => {
  await app.close();
  await slack.close();
  await smtp.close();
  await db.close();
});
afterEach(() => {
  slack.posts.length = 0;
  smtp.mails.length = 0;
});

function setup(opts: { retryBaseMs?: number } = {}) {
  const config = testConfig({
    sinks: [
      { type: 'slack', url: slack.url },
      { type: 'email', smtpUrl: smtp.url, from: 'alerts@example.com', to: ['oncall@example.com'] },
    ],
  });
  const { logger, lines } = captureLogger();
  const metrics = createMetrics();
  const alerter = createAlerter({
    config: config.alerts,
    logger,
    metrics,
    retry: { attempts: 40, baseMs: opts.retryBaseMs ?? 20 },
  });
  const hooks = createOpsHooks({ store: db.store, config, alerter, logger });
  const pending: Promise<void>[] = [];
  const worker = startWorker({
    store: db.store,
    providers: testProviders(),
    config,
    logger,
    autoRun: false,
    onApplied: (e: NormalizedEvent, r: ApplyResult) => {
      pending.push(hooks.onApplied(e, r));
    },
  });
  return { config, alerter, hooks, worker, pending, lines, metrics };
}

async function post(type: string, object: Record<string, unknown>) {
  const body = stripeEvent(type, object);
  const res = await app.post(body, signedHeaders(body));
  expect(res.status).toBe(200);
}

/** A paid one-time checkout links `customer` to `userId` (what a real first purchase does). */
async function linkCustomer(userId: string, customer: string) {
  await post('checkout.session.completed', {
    id: uid('cs'),
    object: 'checkout.session',
    mode: 'payment',
    client_reference_id: userId,
    customer,
    payment_intent: uid('pi'),
    amount_total: 500,
    currency: 'usd',
    payment_status: 'paid',
  });
}

const failedInvoice = (customer: string) => ({
  id: uid('in'),
  object: 'invoice',
  customer,
  amount_due: 2900,
  currency: 'usd',
  payment_intent: uid('pi'),
  status: 'open',
});

const texts = () => slack.posts.map((p) => (JSON.parse(p.body) as { text: string }).text);
const suspicious = () => texts().filter((t) => t.includes('Suspicious activity'));

describe('failed payments → alerts and flag (SQLite)', () => {
  it('4 failed payments for one customer within an hour raise exactly one suspicious-activity alert and one flag', async () => {
    const { worker, pending, alerter, lines } = setup();
    const userId = uid('user');
    const customer = uid('cus');
    await linkCustomer(userId, customer);
    const drain = async () => {
      while ((await worker.runOnce()) > 0);
      await Promise.all(pending);
      await alerter.flush();
    };
    await drain();

    for (let i = 1; i <= 3; i++) await post('invoice.payment_failed', failedInvoice(customer));
    await drain();
    expect(await db.store.flags.isFlagged(userId)).toBe(false);
    expect(suspicious()).toHaveLength(0);

    // The 4th exceeds the default threshold of 3 per hour; the 5th and 6th must not add anything.
    for (let i = 4; i <= 6; i++) {
      await post('invoice.payment_failed', failedInvoice(customer));
      await drain();
    }
    const flags = (await db.store.flags.listOpen()).filter((f) => f.userId === userId);
    expect(flags).toHaveLength(1);
    expect(flags[0].reason).toBe('failed_payments');
    expect(suspicious()).toHaveLength(1);
    expect(suspicious()[0]).toContain(`flag ${flags[0].id}`);
    // Every failure is its own payment_failed alert (distinct payments), with the customer id masked.
    const failed = texts().filter((t) => t.includes('Payment failed: 29.00 USD'));
    expect(failed).toHaveLength(6);
    expect(slack.posts.map((p) => p.body).join('\n')).not.toContain(customer);
    expect(texts().join('\n')).toContain(`cus_…${customer.slice(-4)}`);
    // The email sink got the same alerts.
    expect(
      smtp.mails.filter((m) => m.to.includes('oncall@example.com') && m.raw.includes('Suspicious activity')),
    ).toHaveLength(1);
    // One structured log line per applied event: amount, currency, ids, customer and user masked.
    const eventLines = lines.filter((l) => l.msg === 'payment event' && l.event === 'payment.failed');
    expect(eventLines).toHaveLength(6);
    expect(eventLines[0]).toMatchObject({
      provider: 'stripe',
      amount: 2900,
      currency: 'usd',
      outcome: 'applied',
      customer: `cus_…${customer.slice(-4)}`,
    });
    expect(JSON.stringify(lines)).not.toContain(customer);
    // (The worker's own lines are the webhooks component's business; ops lines never carry the user id.)
    expect(JSON.stringify(lines.filter((l) => l.component !== 'worker'))).not.toContain(userId);
    await worker.stop();
  });

  it('one failure sends the customer one notification email from the template, and no flag', async () => {
    const { hooks, alerter } = setup();
    const userId = uid('user');
    const customer = uid('cus');
    const event: NormalizedEvent = {
      kind: 'payment.failed',
      provider: 'stripe',
      eventId: uid('evt'),
      type: 'invoice.payment_failed',
      occurredAt: Date.now(),
      paymentId: uid('pi'),
      customerId: customer,
      amount: 2900,
      currency: 'usd',
      failureCode: 'card_declined',
      customerEmail: 'jane@customer.example',
    };
    await hooks.onApplied(event, { outcome: 'applied', userId, kind: 'payment.failed' });
    await alerter.flush();
    const toCustomer = smtp.mails.filter((m) => m.to.includes('jane@customer.example'));
    expect(toCustomer).toHaveLength(1);
    expect(toCustomer[0].raw).toContain('Subject: Your payment could not be processed');
    expect(toCustomer[0].raw).toContain('29.00 USD');
    // The customer's mail is about their payment only: no internal ids.
    expect(toCustomer[0].raw).not.toContain(customer);
    expect(texts().filter((t) => t.includes('Payment failed'))).toHaveLength(1);
    expect(await db.store.flags.isFlagged(userId)).toBe(false);
  });

  it('alert sink down: webhook processing is unaffected, and the alert is retried and delivered once the sink is back', async () => {
    const { worker, pending, alerter, metrics } = setup({ retryBaseMs: 50 });
    const customer = uid('cus');
    await linkCustomer(uid('user'), customer);
    while ((await worker.runOnce()) > 0);
    await Promise.all(pending);
    await alerter.flush();
    slack.posts.length = 0;

    await slack.down();
    for (let i = 0; i < 2; i++) await post('invoice.payment_failed', failedInvoice(customer));
    const started = Date.now();
    let processed = 0;
    for (let round = 0; round < 10; round++) processed += await worker.runOnce();
    await Promise.all(pending);
    // Both events were applied and marked done while every alert delivery was failing.
    expect(processed).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await db.store.inbox.list({ status: 'pending', limit: 10 })).length).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.posts).toHaveLength(0);
    const retries = (await metrics.alertsSent.get()).values.filter(
      (v) => v.labels.outcome === 'retry' && v.labels.sink === 'slack',
    );
    expect(retries.reduce((n, v) => n + v.value, 0)).toBeGreaterThan(0);

    await slack.up();
    await alerter.flush();
    expect(texts().filter((t) => t.includes('Payment failed'))).toHaveLength(2);
    await worker.stop();
  });
});
