import { afterEach, describe, expect, it } from 'vitest';
import { checkoutInput, payWith, type StripeRig, startStripeRig } from './helpers.ts';

let rig: StripeRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function checkout(r: StripeRig) {
  const { url } = await r.provider.createCheckout(checkoutInput());
  await payWith(url, '4242 4242 4242 4242');
  await r.sandbox.idle();
}

/** Events the sandbox emitted, in emission order (its account's event log). */
function emitted(r: StripeRig): string[] {
  return r.sandbox.stripe.events.map((e) => e.id);
}

describe('sandbox webhook delivery', () => {
  it('without injection: each event once, in order, all signatures valid', async () => {
    rig = await startStripeRig();
    await checkout(rig);
    const ids = (await rig.verified()).map((e) => e.id);
    expect(ids).toEqual(emitted(rig));
    expect(ids.length).toBeGreaterThanOrEqual(6);
  });

  it('duplicateRate 1 delivers every event exactly twice', async () => {
    rig = await startStripeRig({ failures: { duplicateRate: 1 } });
    await checkout(rig);
    const ids = (await rig.verified()).map((e) => e.id);
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(emitted(rig).sort());
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
    expect(rig.sandbox.deliveries().filter((d) => d.duplicate)).toHaveLength(emitted(rig).length);
  });

  it('reorder delivers the same events in a different order', async () => {
    // Always pick the newest due delivery: deterministic, and certainly not the natural order.
    rig = await startStripeRig({ failures: { reorder: true }, random: () => 0.999 });
    await checkout(rig);
    const ids = (await rig.verified()).map((e) => e.id);
    expect([...ids].sort()).toEqual(emitted(rig).sort());
    expect(ids).not.toEqual(emitted(rig));
  });

  it('delay holds each delivery back', async () => {
    rig = await startStripeRig({ failures: { delayMs: 150 } });
    const t0 = Date.now();
    rig.sandbox.ctx.deliver({
      provider: 'stripe',
      eventId: 'evt_manual',
      url: rig.receiver.url,
      body: '{}',
      headers: {},
    });
    await rig.sandbox.idle();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(rig.receiver.received).toHaveLength(1);
  });

  it('retries with backoff on a 500 receiver, re-signing each attempt, until 2xx', async () => {
    rig = await startStripeRig({ retry: { baseMs: 30, maxMs: 500, maxAttempts: 5 } });
    const r = rig;
    // Fail the first two attempts of every event.
    const seen = new Map<string, number>();
    r.receiver.statusFor = (_n, req) => {
      const id = JSON.parse(req.body.toString()).id as string;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      return (seen.get(id) as number) <= 2 ? 500 : 200;
    };
    const { url } = await r.provider.createCheckout(checkoutInput({ idempotencyKey: 'x' }));
    const t0 = Date.now();
    await payWith(url, '4242 4242 4242 4242');
    await r.sandbox.idle();
    for (const d of r.sandbox.deliveries())
      expect(d).toMatchObject({ attempts: 3, status: 'delivered', lastStatusCode: 200 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(30 + 60 - 5); // two backoffs: 30 ms, then 60 ms
    // Each attempt was freshly signed and verifies (3 per event).
    expect(await r.verified()).toHaveLength(3 * r.sandbox.stripe.events.length);
  });

  it('gives up after maxAttempts and records the failure', async () => {
    rig = await startStripeRig({ retry: { baseMs: 5, maxMs: 20, maxAttempts: 3 } });
    rig.receiver.statusFor = () => 503;
    rig.sandbox.ctx.deliver({
      provider: 'stripe',
      eventId: 'evt_doomed',
      url: rig.receiver.url,
      body: '{}',
      headers: {},
    });
    await rig.sandbox.idle();
    expect(rig.sandbox.deliveries()).toEqual([
      expect.objectContaining({ eventId: 'evt_doomed', attempts: 3, status: 'failed', lastStatusCode: 503 }),
    ]);
  });
});

describe('sandbox shutdown', () => {
  it('close() aborts an attempt stuck on a receiver that never answers', async () => {
    const { createServer } = await import('node:http');
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const { startSandbox } = await import('../../src/sandbox/index.ts');
    const sb = await startSandbox();
    try {
      sb.ctx.deliver({
        provider: 'stripe',
        eventId: 'evt_hang',
        url: `http://127.0.0.1:${(hang.address() as { port: number }).port}/`,
        body: '{}',
        headers: {},
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(sb.deliveries()[0]).toMatchObject({ attempts: 1, status: 'pending' });
      const t0 = Date.now();
      await sb.close();
      await sb.idle();
      expect(Date.now() - t0).toBeLessThan(3_000);
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });
});
