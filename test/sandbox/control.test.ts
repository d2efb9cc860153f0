import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.ts';

let sb: RunningSandbox;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(async () => {
  await sb.close();
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('/_sandbox controls', () => {
  it('binds 127.0.0.1 on a random port', () => {
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('advances the clock and runs the advance hooks', async () => {
    const seen: number[] = [];
    sb.ctx.onAdvance(async (now) => {
      seen.push(now);
    });
    const before = sb.ctx.clock.now();
    const res = await post(`${sb.url}/_sandbox/clock/advance`, { days: 2 });
    expect(res.status).toBe(200);
    const { now } = await res.json();
    expect(now - before).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(now - before).toBeLessThan(2 * 86_400_000 + 5_000);
    expect(seen).toHaveLength(1);
  });

  it('rejects bad advance and failure bodies', async () => {
    expect((await post(`${sb.url}/_sandbox/clock/advance`, { days: -1 })).status).toBe(400);
    expect((await post(`${sb.url}/_sandbox/clock/advance`, { weeks: 1 })).status).toBe(400);
    expect((await post(`${sb.url}/_sandbox/failures`, { duplicateRate: 2 })).status).toBe(400);
  });

  it('sets failure switches in place', async () => {
    const res = await post(`${sb.url}/_sandbox/failures`, { duplicateRate: 0.5, reorder: true, delayMs: 10 });
    expect(await res.json()).toEqual({ duplicateRate: 0.5, reorder: true, delayMs: 10 });
    expect(sb.ctx.failures).toEqual({ duplicateRate: 0.5, reorder: true, delayMs: 10 });
  });

  it('lists deliveries and waits for the queue', async () => {
    sb.ctx.deliver({
      provider: 'stripe',
      eventId: 'evt_1',
      url: 'http://127.0.0.1:9/nothing',
      body: '{}',
      headers: {},
    });
    const list = await (await fetch(`${sb.url}/_sandbox/deliveries`)).json();
    expect(list.data[0]).toMatchObject({ eventId: 'evt_1', provider: 'stripe' });
  });
});
