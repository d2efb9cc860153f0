/**
 * Both emulators loaded by the sandbox core (`startSandbox({ paypal, square })`), webhooks delivered over
 * real HTTP by the core's queue to a receiver that verifies them with adapters built from
 * `sandbox.providerOptions` — the wiring `uigen-pay dev` uses.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviders } from '../../src/providers/registry.ts';
import type { NormalizedEvent, PaymentProvider } from '../../src/providers/types.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.ts';
import { loadSettings } from '../../src/spec/settings.ts';
import type { PaymentsConfig, Product } from '../../src/spec/types.ts';
import { payWithCard } from './paypal-square-context.ts';

const product: Product = {
  id: 'lifetime',
  name: 'Lifetime',
  type: 'one_time',
  price: 1500,
  currency: 'usd',
  features: [],
};
const WEBHOOK_ID = 'WH-CORE-TEST';
const SQ_KEY = 'core-square-key';

let receiver: Server;
let receiverUrl: string;
let sandbox: RunningSandbox;
const providers: Partial<Record<'paypal' | 'square', PaymentProvider>> = {};
const received: Array<{ provider: string; status: number; event?: NormalizedEvent }> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const name = (req.url ?? '').split('/').pop() as 'paypal' | 'square';
      const provider = providers[name];
      try {
        if (!provider) throw new Error('no provider');
        const ev = await provider.verifyWebhook(Buffer.concat(chunks), req.headers);
        received.push({ provider: name, status: 200, event: provider.normalize(ev) });
        res.writeHead(200).end('{"received":true}');
      } catch {
        received.push({ provider: name, status: 400 });
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sandbox = await startSandbox({
    paypal: { webhookUrl: `${receiverUrl}/webhooks/paypal`, webhookId: WEBHOOK_ID },
    square: { webhookUrl: `${receiverUrl}/webhooks/square`, webhookSignatureKey: SQ_KEY },
    retry: { maxAttempts: 2, baseMs: 10, maxMs: 50 },
  });
  // Built the way `uigen-pay dev` builds them: the registry, the env API base override pointing at the bare
  // sandbox URL, and the emulators' providerOptions (which must win: they carry the /paypal, /square prefix).
  const common = { mode: 'test' as const, currency: 'usd' };
  const config = {
    file: 'inline',
    providers: [
      { ...common, provider: 'paypal', clientId: 'id', clientSecret: 'secret', webhookId: WEBHOOK_ID },
      {
        ...common,
        provider: 'square',
        applicationId: 'app',
        accessToken: 'EAAAcore-test-token-000000000000',
        locationId: 'LOC',
        webhookSignatureKey: SQ_KEY,
        webhookUrl: `${receiverUrl}/webhooks/square`,
      },
    ],
  } as unknown as PaymentsConfig;
  const settings = loadSettings({ UIGEN_PAYPAL_API_BASE: sandbox.url, UIGEN_SQUARE_API_BASE: sandbox.url });
  const built = await createProviders(config, settings, { ...sandbox.providerOptions });
  providers.paypal = built.get('paypal');
  providers.square = built.get('square');
});

afterAll(async () => {
  await sandbox?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('PayPal + Square emulators inside the sandbox core', () => {
  it.each(['paypal', 'square'] as const)(
    '%s: checkout paid on the hosted page reaches the app as a verified checkout.completed',
    async (name) => {
      const provider = providers[name]!;
      const session = await provider.createCheckout({
        userId: `user_${name}`,
        product,
        successUrl: 'http://127.0.0.1:9/ok?session_id={CHECKOUT_SESSION_ID}',
        cancelUrl: 'http://127.0.0.1:9/cancel',
        idempotencyKey: `core-${name}`,
      });
      expect(new URL(session.url).origin).toBe(sandbox.url);
      expect((await payWithCard(session.url, '4242 4242 4242 4242')).status).toBe(303);
      expect((await provider.getCheckout(session.sessionId)).paymentStatus).toBe('paid');
      await sandbox.idle();
      const mine = received.filter((r) => r.provider === name);
      expect(mine.every((r) => r.status === 200)).toBe(true);
      expect(mine.map((r) => r.event)).toContainEqual(
        expect.objectContaining({
          kind: 'checkout.completed',
          checkoutSessionId: session.sessionId,
          userId: `user_${name}`,
          amount: 1500,
        }),
      );
    },
  );
});
