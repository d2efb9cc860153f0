/** A local webhook receiver and a sandbox wired to it, verified with the real Stripe adapter. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createStripeProvider } from '../../src/providers/stripe/index.ts';
import type { CheckoutInput, PaymentProvider, VerifiedEvent } from '../../src/providers/types.ts';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.ts';
import type { Product, StripeProviderConfig } from '../../src/spec/types.ts';

export interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status to answer for the n-th request (0-based); default 200. */
  statusFor: (n: number, r: Received) => number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const rx: Receiver = { url: '', received: [], statusFor: () => 200, close: async () => {} };
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks) };
      const status = rx.statusFor(rx.received.length, r);
      rx.received.push(r);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  rx.url = `http://127.0.0.1:${(srv.address() as { port: number }).port}/webhooks/stripe`;
  rx.close = () => new Promise((resolve) => srv.close(() => resolve()));
  return rx;
}

export const WEBHOOK_SECRET = 'whsec_sandbox_test_0123456789';

export interface StripeRig {
  sandbox: RunningSandbox;
  receiver: Receiver;
  provider: PaymentProvider;
  /** Every delivery, verified with the adapter (throws if any signature is bad). */
  verified(): Promise<VerifiedEvent[]>;
  close(): Promise<void>;
}

export async function startStripeRig(opts: Omit<SandboxOptions, 'stripe'> = {}): Promise<StripeRig> {
  const receiver = await startReceiver();
  const sandbox = await startSandbox({
    retry: { baseMs: 20, maxMs: 200 },
    ...opts,
    stripe: { webhookUrl: receiver.url, webhookSecret: WEBHOOK_SECRET },
  });
  const cfg: StripeProviderConfig = {
    provider: 'stripe',
    mode: 'test',
    currency: 'usd',
    apiKey: 'sk_test_sandbox_rig_key',
    webhookSecrets: [WEBHOOK_SECRET],
  };
  const provider = createStripeProvider(cfg, { apiBase: sandbox.url });
  return {
    sandbox,
    receiver,
    provider,
    verified: () => Promise.all(receiver.received.map((r) => provider.verifyWebhook(r.body, r.headers))),
    async close() {
      await sandbox.close();
      await receiver.close();
    },
  };
}

/** Posts the hosted checkout form with a test card, as a browser would. */
export async function payWith(sessionUrl: string, card: string): Promise<Response> {
  return fetch(`${sessionUrl}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card }).toString(),
    redirect: 'manual',
  });
}

/** A monthly subscription product, as a spec would declare it. */
export const PRO: Product = {
  id: 'pro-monthly',
  name: 'Pro',
  type: 'subscription',
  price: 2900,
  currency: 'usd',
  interval: 'month',
  features: [],
  plan: 'pro',
};

/** Checkout input for PRO with a fresh idempotency key unless one is given. */
export function checkoutInput(over: Partial<CheckoutInput> = {}): CheckoutInput {
  return {
    userId: 'user_42',
    product: PRO,
    successUrl: 'http://127.0.0.1:9/payment/success?session_id={CHECKOUT_SESSION_ID}',
    cancelUrl: 'http://127.0.0.1:9/payment/cancel',
    idempotencyKey: `k-${Math.random()}`,
    ...over,
  };
}
