/** A minimal SandboxContext for testing one emulator plugin on its own Fastify instance. */
import Fastify, { type FastifyInstance } from 'fastify';
import { cardOutcome } from '../../src/sandbox/cards.ts';
import type { SandboxContext, WebhookDelivery } from '../../src/sandbox/types.ts';

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
