import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { startWorker } from '../../src/webhooks/worker.ts';
import {
  DIALECTS,
  invoiceObject,
  openTestStore,
  signedHeaders,
  stripeEvent,
  testConfig,
  testProviders,
  uid,
} from './harness.ts';
import { spawnListening } from './spawn-child.ts';

const CHILD = fileURLToPath(new URL('./child/ingest-server.ts', import.meta.url));

describe.each(DIALECTS)('SIGKILL after the 2xx, before processing (%s)', (dialect) => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('the acknowledged event is processed after restart, exactly once', async () => {
    const ts = await openTestStore(dialect);
    try {
      const userId = uid('user');
      const customer = uid('cus');
      const invoiceId = uid('in');
      await ts.store.customers.upsert({ userId, provider: 'stripe', customerId: customer, now: Date.now() });
      const started = await spawnListening(
        CHILD,
        [],
        {
          PATH: process.env.PATH,
          DATABASE_URL: ts.databaseUrl,
          UIGEN_ENCRYPTION_KEYS: ts.keys.encryptionKeys,
          UIGEN_BLIND_INDEX_KEY: ts.keys.blindIndexKey,
        },
        45_000,
      );
      child = started.child;

      const body = stripeEvent('invoice.paid', invoiceObject({ id: invoiceId, customer, amount: 1234 }));
      const res = await fetch(`http://127.0.0.1:${started.port}/webhooks/stripe`, {
        method: 'POST',
        body,
        headers: signedHeaders(body),
      });
      expect(res.status).toBe(200);
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGKILL');
      await exited;

      const worker = startWorker({
        store: ts.store,
        providers: testProviders(),
        config: testConfig(),
        logger: silentLogger(),
        autoRun: false,
      });
      expect(await worker.runOnce()).toBe(1);
      expect(await worker.runOnce()).toBe(0);
      await worker.stop();
      expect((await ts.store.inbox.get('stripe', JSON.parse(body).id))?.status).toBe('done');
      const payments = (await ts.store.payments.listByUser(userId)).filter(
        (p) => p.providerPaymentId === invoiceId,
      );
      expect(payments).toHaveLength(1);
      expect(payments[0]).toMatchObject({ amount: 1234, status: 'paid' });
    } finally {
      await ts.close();
    }
  }, 90_000);
});
