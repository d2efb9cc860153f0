/**
 * PayPal one-time checkouts end to end against the sandbox: the official SDK creates the order, the buyer
 * approves on the emulated PayPal page, the sandbox delivers signed webhooks to our real ingest route, and
 * the worker applies them. An approved order must be captured — once — whether the buyer ever comes back to
 * the success page or not, and the payment recorded exactly once whichever path captured it.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { createPaypalProvider, type PaypalProviderOptions } from '../../src/providers/paypal/index.ts';
import type { PaymentProvider } from '../../src/providers/types.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.ts';
import type { PaypalProviderConfig, ProviderName } from '../../src/spec/types.ts';
import { registerWebhookRoutes } from '../../src/webhooks/route.ts';
import { startWorker, type Worker } from '../../src/webhooks/worker.ts';
import { checkoutInput, payWithCard } from '../sandbox/paypal-square-context.ts';
import { freePort } from '../support/postgres.ts';
import {
  DIALECTS,
  openTestStore,
  recordCheckout,
  type TestStore,
  testConfig,
  uid,
} from '../webhooks/harness.ts';

const paypalCfg: PaypalProviderConfig = {
  provider: 'paypal',
  mode: 'test',
  currency: 'usd',
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
  webhookId: 'WH-CAPTURE-TEST',
};
const config = testConfig({ providers: [paypalCfg] });
const reportPack = config.products.find((p) => p.id === 'report-pack')!;

describe.each(DIALECTS)('PayPal approved orders are captured by the worker (%s)', (dialect) => {
  let ts: TestStore;
  let sandbox: RunningSandbox;
  let app: FastifyInstance;
  let paypal: PaymentProvider;
  const providers = new Map<ProviderName, PaymentProvider>();
  let worker: Worker;

  beforeAll(async () => {
    ts = await openTestStore(dialect);
    const port = await freePort();
    sandbox = await startSandbox({
      paypal: {
        webhookUrl: `http://127.0.0.1:${port}/webhooks/paypal`,
        webhookId: paypalCfg.webhookId,
        clientId: paypalCfg.clientId,
        clientSecret: paypalCfg.clientSecret,
      },
      retry: { baseMs: 50, maxMs: 200 },
    });
    paypal = createPaypalProvider(paypalCfg, sandbox.providerOptions.paypal as PaypalProviderOptions);
    providers.set('paypal', paypal);
    app = Fastify({ logger: false });
    await registerWebhookRoutes(app, { config, providers, store: ts.store, logger: silentLogger() });
    await app.listen({ host: '127.0.0.1', port });
    worker = startWorker({
      store: ts.store,
      providers,
      config,
      logger: silentLogger(),
      autoRun: false,
      backoff: () => 0,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await sandbox?.close();
    await ts?.close();
  });

  /** Everything the sandbox sent is in our inbox, and the worker has applied all of it. */
  async function settle() {
    for (let round = 0; round < 5; round++) {
      await sandbox.idle();
      let handled = 0;
      for (let i = 0; i < 20; i++) {
        const n = await worker.runOnce();
        handled += n;
        if (n === 0) break;
      }
      if (handled === 0) return;
    }
  }

  /**
   * POST /api/payments/checkout's effect (a PayPal order plus our checkout record), then the buyer approving
   * it on PayPal. `before` = PayPal's captures so far.
   */
  async function approvedOrder() {
    const before = captureDeliveries();
    const userId = uid('user');
    const session = await paypal.createCheckout(checkoutInput(reportPack, uid('idem'), userId));
    const orderId = session.sessionId;
    await recordCheckout(ts.store, {
      userId,
      session: orderId,
      productId: reportPack.id,
      provider: 'paypal',
    });
    expect((await payWithCard(session.url, '4242 4242 4242 4242')).status).toBe(303);
    return { before, userId, orderId };
  }

  /** What GET /api/payments/checkout/:id does for an open record: ask the provider, close the record. */
  async function successPage(orderId: string) {
    const fresh = await paypal.getCheckout(orderId);
    if (fresh.status !== 'open')
      await ts.store.checkouts.setStatus('paypal', orderId, fresh.status, Date.now());
    return fresh;
  }

  /** A call to the emulated PayPal REST API, as another PayPal client would make it. */
  async function sandboxApi(
    path: string,
    init: { method?: string; body?: unknown; requestId?: string } = {},
  ) {
    const basic = Buffer.from(`${paypalCfg.clientId}:${paypalCfg.clientSecret}`).toString('base64');
    const token = await fetch(`${sandbox.url}/paypal/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${sandbox.url}/paypal${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${access_token}`,
        'content-type': 'application/json',
        ...(init.requestId ? { 'paypal-request-id': init.requestId } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const sandboxOrder = async (id: string) => (await sandboxApi(`/v2/checkout/orders/${id}`)).body;

  const captureOf = (order: Record<string, unknown>) =>
    (order.purchase_units as Array<{ payments?: { captures?: Array<{ id: string; status: string }> } }>)[0]
      .payments?.captures?.[0];
  const captureDeliveries = () =>
    sandbox.deliveries().filter((d) => d.type === 'PAYMENT.CAPTURE.COMPLETED' && !d.duplicate).length;
  const paymentsOf = async (userId: string) => ts.store.payments.listByUser(userId);

  async function inboxRows(types: string[]) {
    const out = [];
    for (const d of sandbox.deliveries().filter((x) => types.includes(x.type ?? ''))) {
      out.push(await ts.store.inbox.get('paypal', d.eventId));
    }
    return out;
  }

  async function expectPaidOnce(userId: string, orderId: string, capturesBefore: number) {
    const order = await sandboxOrder(orderId);
    expect(order.status).toBe('COMPLETED');
    const capture = captureOf(order);
    expect(capture?.status).toBe('COMPLETED');
    // One capture: one PAYMENT.CAPTURE.COMPLETED from PayPal, one payments row keyed by its id.
    expect(captureDeliveries() - capturesBefore).toBe(1);
    expect(await paymentsOf(userId)).toEqual([
      expect.objectContaining({
        provider: 'paypal',
        providerPaymentId: capture?.id,
        userId,
        amount: 500,
        currency: 'usd',
        status: 'paid',
      }),
    ]);
    expect((await ts.store.checkouts.getByProviderSession('paypal', orderId))?.status).toBe('complete');
    expect(
      await ts.store.customers.findUserIdByCustomer(
        'paypal',
        String((order.payer as { payer_id: string }).payer_id),
      ),
    ).toBe(userId);
  }

  it('the buyer approves and closes the tab: the webhook alone captures the order and records the payment', async () => {
    const { before, userId, orderId } = await approvedOrder();
    await settle();

    await expectPaidOnce(userId, orderId, before);
    expect(
      (await inboxRows(['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED'])).every(
        (r) => r?.status === 'done',
      ),
    ).toBe(true);
    const approved = (await ts.store.audit.list({ limit: 10_000 }))
      .map((a) => JSON.parse(a.details))
      .find((d) => d.type === 'CHECKOUT.ORDER.APPROVED' && d.captured);
    expect(approved).toMatchObject({ outcome: 'applied', captured: 'paid', payment: 'inserted' });

    // Coming back later changes nothing: already paid, no second capture.
    expect(await successPage(orderId)).toMatchObject({ status: 'complete', paymentStatus: 'paid' });
    await settle();
    await expectPaidOnce(userId, orderId, before);
  });

  it('success page and webhook at the same time: one capture, one payment', async () => {
    const { before, userId, orderId } = await approvedOrder();
    await sandbox.idle(); // the APPROVED event is in our inbox
    const [page] = await Promise.all([successPage(orderId), worker.runOnce(), successPage(orderId)]);
    expect(page).toMatchObject({ status: 'complete', paymentStatus: 'paid', userId });
    await settle();
    await expectPaidOnce(userId, orderId, before);
  });

  it('success page first, webhook afterwards: the worker finds the order captured and records it once', async () => {
    const { before, userId, orderId } = await approvedOrder();
    expect(await successPage(orderId)).toMatchObject({ status: 'complete', paymentStatus: 'paid' });
    await settle();
    await expectPaidOnce(userId, orderId, before);
  });

  it('a provider error during the capture is retried with backoff, never dropped', async () => {
    const { before, userId, orderId } = await approvedOrder();
    await sandbox.idle();
    // PayPal unreachable for the first attempt.
    providers.set(
      'paypal',
      createPaypalProvider(paypalCfg, {
        ...(sandbox.providerOptions.paypal as PaypalProviderOptions),
        apiBase: 'http://127.0.0.1:9/paypal',
      }),
    );
    try {
      expect(await worker.runOnce()).toBe(1);
    } finally {
      providers.set('paypal', paypal);
    }
    const [approved] = await inboxRows(['CHECKOUT.ORDER.APPROVED']).then((rows) =>
      rows.filter((r) => r && r.status !== 'done'),
    );
    expect(approved).toMatchObject({ status: 'pending', attempts: 1, lastError: 'provider_unavailable' });
    expect((await sandboxOrder(orderId)).status).toBe('APPROVED');
    expect(await paymentsOf(userId)).toEqual([]);
    expect((await ts.store.checkouts.getByProviderSession('paypal', orderId))?.status).toBe('open');

    await settle();
    await expectPaidOnce(userId, orderId, before);
  });

  it('an order captured elsewhere under another request id (status COMPLETED) is success, not a failure', async () => {
    const { before, userId, orderId } = await approvedOrder();
    await sandbox.idle();
    const elsewhere = await sandboxApi(`/v2/checkout/orders/${orderId}/capture`, {
      method: 'POST',
      requestId: uid('other'),
    });
    expect(elsewhere.status).toBe(201);
    await settle();
    await expectPaidOnce(userId, orderId, before);
  });

  it('an approved order that is not one of our checkouts is left alone', async () => {
    const { body: created } = await sandboxApi('/v2/checkout/orders', {
      method: 'POST',
      body: {
        intent: 'CAPTURE',
        purchase_units: [{ reference_id: 'their-product', amount: { currency_code: 'USD', value: '9.00' } }],
        application_context: {
          return_url: 'http://127.0.0.1:9/back',
          cancel_url: 'http://127.0.0.1:9/cancel',
        },
      },
    });
    expect(
      (await payWithCard(`${sandbox.url}/paypal/approve/${created.id}`, '4242 4242 4242 4242')).status,
    ).toBe(303);
    await settle();
    expect((await sandboxOrder(String(created.id))).status).toBe('APPROVED');
  });
});
