import { connect } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { registerWebhookRoutes } from '../../src/webhooks/route.ts';
import { startWorker } from '../../src/webhooks/worker.ts';
import {
  DIALECTS,
  invoiceObject,
  openTestStore,
  signedHeaders,
  startApp,
  stripeConfig,
  stripeEvent,
  testConfig,
  testProviders,
  uid,
  useStoreAndApp,
  WEBHOOK_SECRET,
} from './harness.ts';

const GENERIC_400 = { code: 'invalid_webhook', message: 'webhook verification failed' };

describe.each(DIALECTS)('POST /webhooks/:provider (%s)', (dialect) => {
  const s = useStoreAndApp(dialect);

  it('stores a verified event durably and answers 200 {"received":true}', async () => {
    const body = stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer: uid('cus') }));
    const res = await s.app.post(body, signedHeaders(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    const row = await s.ts.store.inbox.get('stripe', JSON.parse(body).id);
    expect(row?.status).toBe('pending');
    expect(row?.payload).toBe(body);
    expect(row?.type).toBe('invoice.paid');
  });

  it('accepts application/json; charset=utf-8 and a unicode body byte-for-byte', async () => {
    const body = stripeEvent('customer.updated', {
      id: uid('cus'),
      object: 'customer',
      name: 'Zoë Ünïcødé 東京 🚀',
    });
    const res = await s.app.post(Buffer.from(body, 'utf8'), {
      ...signedHeaders(body),
      'content-type': 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(200);
    expect((await s.ts.store.inbox.get('stripe', JSON.parse(body).id))?.payload).toBe(body);
  });

  it('20 concurrent deliveries of one event: all 2xx, one inbox row, one effect', async () => {
    const customer = uid('cus');
    await s.ts.store.customers.upsert({
      userId: 'user_conc',
      provider: 'stripe',
      customerId: customer,
      now: Date.now(),
    });
    const invoiceId = uid('in');
    const body = stripeEvent('invoice.paid', invoiceObject({ id: invoiceId, customer, amount: 4200 }));
    const headers = signedHeaders(body);
    const responses = await Promise.all(Array.from({ length: 20 }, () => s.app.post(body, headers)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const rows = (await s.ts.store.inbox.list({ limit: 1000 })).filter(
      (r) => r.eventId === JSON.parse(body).id,
    );
    expect(rows).toHaveLength(1);
    expect(
      (await s.app.metrics.webhooksDuplicate.get()).values.find((v) => v.labels.provider === 'stripe')?.value,
    ).toBe(19);
    const worker = startWorker({
      store: s.ts.store,
      providers: testProviders(),
      config: testConfig(),
      logger: silentLogger(),
      autoRun: false,
    });
    await worker.runOnce();
    await worker.runOnce();
    await worker.stop();
    const payments = (await s.ts.store.payments.listByUser('user_conc')).filter(
      (p) => p.providerPaymentId === invoiceId,
    );
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount: 4200, status: 'paid' });
  });

  it.each([
    ['a wrong secret', (b: string) => signedHeaders(b, { secret: 'whsec_someone_else_000000000000' })],
    ['no signature header', () => ({ 'content-type': 'application/json' })],
    ['a malformed header', () => ({ 'content-type': 'application/json', 'stripe-signature': 'garbage' })],
    [
      'a v0-only header',
      (b: string) => ({
        'content-type': 'application/json',
        'stripe-signature': signedHeaders(b)['stripe-signature'].replace('v1=', 'v0='),
      }),
    ],
    [
      'a stale timestamp (-301 s)',
      (b: string) => signedHeaders(b, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
    ],
    [
      'a future timestamp (+600 s)',
      (b: string) => signedHeaders(b, { timestamp: Math.floor(Date.now() / 1000) + 600 }),
    ],
  ])('rejects %s with the generic 400 and stores nothing', async (_label, headersFor) => {
    const body = stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer: uid('cus') }));
    const res = await s.app.post(body, headersFor(body));
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error).toMatchObject(GENERIC_400);
    expect(typeof json.error.requestId).toBe('string');
    expect(await s.ts.store.inbox.get('stripe', JSON.parse(body).id)).toBeUndefined();
  });

  it('rejects a re-serialized body (signature over different bytes) and logs only a short reason', async () => {
    const body = stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer: uid('cus') }));
    const headers = signedHeaders(body);
    const reserialized = JSON.stringify(JSON.parse(body), null, 2);
    const res = await s.app.post(reserialized, headers);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject(GENERIC_400);
    expect(await s.ts.store.inbox.get('stripe', JSON.parse(body).id)).toBeUndefined();
    const logged = s.app.lines.join('\n');
    expect(logged).toContain('webhook rejected');
    expect(logged).not.toContain(WEBHOOK_SECRET);
    expect(logged).not.toContain(headers['stripe-signature'].split('v1=')[1]);
    expect(logged).not.toContain(JSON.parse(body).data.object.customer);
  });

  it('answers 413 for an oversize body before checking the (invalid) signature', async () => {
    const small = await startApp(s.ts.store, { config: testConfig({ webhookMaxBytes: 1024 }) });
    try {
      const body = stripeEvent('invoice.paid', { id: uid('in'), object: 'invoice', pad: 'x'.repeat(4096) });
      const res = await small.post(body, {
        'content-type': 'application/json',
        'stripe-signature': 't=1,v1=00',
      });
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe('payload_too_large');
      expect(small.lines.join('\n')).not.toContain('webhook rejected');
    } finally {
      await small.close();
    }
  });

  it('a sender still uploading an oversize body reliably reads the 413 (no connection reset)', async () => {
    // Fastify closes the connection after a 413 it answered before reading the body; closing with the upload
    // still arriving resets the socket, and a sender (or a provider) could lose the answer. A raw socket sends
    // 1 MiB in one go, 20 times, and must read a complete 413 every time.
    const small = await startApp(s.ts.store, { config: testConfig({ webhookMaxBytes: 1024 }) });
    try {
      const { port } = new URL(small.url);
      const body = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 20; i++) {
        const answer = await new Promise<string>((resolve) => {
          const sock = connect(Number(port), '127.0.0.1');
          let got = '';
          sock.on('data', (d) => {
            got += d;
            if (got.includes('payload_too_large')) sock.destroy();
          });
          sock.on('error', (err) => resolve(`${got}\n${(err as NodeJS.ErrnoException).code}`));
          sock.on('close', () => resolve(got));
          sock.write(
            `POST /webhooks/stripe HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
              `stripe-signature: t=1,v1=00\r\ncontent-length: ${body.length}\r\n\r\n`,
          );
          sock.write(body);
        });
        expect(answer, `attempt ${i}`).toMatch(/^HTTP\/1\.1 413/);
        expect(answer, `attempt ${i}`).toContain('payload_too_large');
        // The rest of the upload is read and discarded, not cut off (EPIPE for a sender still writing).
        expect(answer.toLowerCase(), `attempt ${i}`).not.toContain('connection: close');
      }
    } finally {
      await small.close();
    }
  });

  it('answers 415 for another content type or none', async () => {
    const body = stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer: uid('cus') }));
    const { 'stripe-signature': sig } = signedHeaders(body);
    for (const headers of [
      { 'content-type': 'text/plain', 'stripe-signature': sig },
      { 'content-type': 'application/x-www-form-urlencoded', 'stripe-signature': sig },
    ]) {
      const res = await s.app.post(body, headers);
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe('unsupported_media_type');
    }
    const bare = await fetch(`${s.app.url}/webhooks/stripe`, {
      method: 'POST',
      body: Buffer.from(body) as BodyInit,
      headers: { 'stripe-signature': sig },
    });
    expect(bare.status).toBe(415);
    expect(await s.ts.store.inbox.get('stripe', JSON.parse(body).id)).toBeUndefined();
  });

  it('answers 404 for an unknown or unconfigured provider', async () => {
    const body = stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer: uid('cus') }));
    for (const provider of ['paypal', 'nope']) {
      const res = await s.app.post(body, signedHeaders(body), provider);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it('refuses to start when a configured provider has an empty webhook secret (fail closed)', async () => {
    const bad = Fastify({ logger: false });
    const config = testConfig({ providers: [{ ...stripeConfig(), webhookSecrets: [''] }] });
    await expect(
      registerWebhookRoutes(bad, {
        config,
        providers: testProviders(),
        store: s.ts.store,
        logger: silentLogger(),
      }),
    ).rejects.toBeInstanceOf(ConfigError);
    await bad.close();
  });
});

describe.each(DIALECTS)('POST /webhooks/:provider with the store down (%s)', (dialect) => {
  it('answers 503 store_unavailable so the provider retries', async () => {
    const ts = await openTestStore(dialect);
    const app = await startApp(ts.store);
    try {
      await ts.store.close();
      const body = stripeEvent('invoice.paid', invoiceObject({ id: uid('in'), customer: uid('cus') }));
      const res = await app.post(body, signedHeaders(body));
      expect(res.status).toBe(503);
      const json = await res.json();
      expect(json.error.code).toBe('store_unavailable');
      expect(JSON.stringify(json)).not.toMatch(/sqlite|postgres|insert|select/i);
    } finally {
      await app.close();
      await ts.close();
    }
  });
});
