/** A minimal SandboxContext for testing one emulator plugin on its own Fastify instance. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { CheckoutInput, NormalizedEvent, PaymentProvider } from '../../src/providers/types.ts';
import { cardOutcome } from '../../src/sandbox/cards.ts';
import type { SandboxContext, WebhookDelivery } from '../../src/sandbox/types.ts';
import type { Product } from '../../src/spec/types.ts';

export interface TestSandbox {
  app: FastifyInstance;
  ctx: SandboxContext;
  deliveries: WebhookDelivery[];
  /** Headers as the app would receive them (signed now). */
  signed(d: WebhookDelivery): Record<string, string>;
  listen(): Promise<string>;
}

export function testSandbox(): TestSandbox {
  let base = '';
  let offset = 0;
  const hooks: Array<(now: number) => Promise<void>> = [];
  const deliveries: WebhookDelivery[] = [];
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  const ctx: SandboxContext = {
    clock: {
      now: () => Date.now() + offset,
      async advance(ms) {
        offset += ms;
        for (const fn of hooks) await fn(Date.now() + offset);
      },
    },
    baseUrl: () => base,
    deliver: (d) => deliveries.push(d),
    cardOutcome,
    onAdvance: (fn) => hooks.push(fn),
    failures: { duplicateRate: 0, reorder: false, delayMs: 0 },
  };
  return {
    app,
    ctx,
    deliveries,
    signed: (d) => ({ ...d.headers, ...d.sign?.(d.body) }),
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      return base;
    },
  };
}

/** Posts the hosted payment form like a browser would, without following the redirect. */
export async function payWithCard(url: string, card: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card }).toString(),
    redirect: 'manual',
  });
}

export const LIFETIME: Product = {
  id: 'lifetime',
  name: 'Lifetime',
  type: 'one_time',
  price: 4900,
  currency: 'usd',
  features: [],
};
export const PRO: Product = {
  id: 'pro-monthly',
  name: 'Pro',
  type: 'subscription',
  price: 2900,
  currency: 'usd',
  interval: 'month',
  features: [],
};

/** Checkout input as the API route builds it (URLs from config, never from the client). */
export function checkoutInput(product: Product, idempotencyKey: string, userId = 'user_1'): CheckoutInput {
  return {
    userId,
    product,
    successUrl: 'http://127.0.0.1:9/payment/success?session_id={CHECKOUT_SESSION_ID}',
    cancelUrl: 'http://127.0.0.1:9/payment/cancel',
    idempotencyKey,
  };
}

/** Verifies + normalizes every delivery since `from` exactly as the webhook route would. */
export async function receivedSince(
  sb: TestSandbox,
  provider: PaymentProvider,
  from: number,
): Promise<NormalizedEvent[]> {
  const out: NormalizedEvent[] = [];
  for (const d of sb.deliveries.slice(from)) {
    out.push(provider.normalize(await provider.verifyWebhook(Buffer.from(d.body), sb.signed(d))));
  }
  return out;
}

/** The subscription an event is about, whatever its kind. */
export function subscriptionOf(e: NormalizedEvent): string | undefined {
  return 'subscription' in e ? e.subscription.id : (e as { subscriptionId?: string }).subscriptionId;
}
