import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.ts';
import { createInboxWriter } from '../../src/webhooks/group-commit.ts';
import { DIALECTS, openTestStore, type TestStore, uid } from './harness.ts';

const row = (eventId: string) => ({
  provider: 'stripe' as const,
  eventId,
  type: 'invoice.paid',
  payload: `{"id":"${eventId}"}`,
  receivedAt: Date.now(),
});

/** Counts the batch statements written to the store (one multi-row insert = one commit). */
function counting(store: Store): { store: Store; batches: () => number[] } {
  const sizes: number[] = [];
  const wrapped = Object.create(store) as Store;
  wrapped.inbox = Object.create(store.inbox);
  wrapped.inbox.insertMany = (events) => {
    sizes.push(events.length);
    return store.inbox.insertMany(events);
  };
  return { store: wrapped, batches: () => sizes };
}

describe.each(DIALECTS)('inbox group commit (%s)', (dialect) => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore(dialect);
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('commits concurrent inserts in shared statements and stores every row', async () => {
    const { store, batches } = counting(ts.store);
    const writer = createInboxWriter(store);
    const ids = Array.from({ length: 200 }, () => uid('evt'));
    const outcomes = await Promise.all(ids.map((id) => writer.insert(row(id))));
    expect(outcomes).toEqual(Array(200).fill('inserted'));
    // 200 arrivals in one turn of the event loop: a few batches of up to 64 rows, not 200 commits.
    expect(batches().reduce((a, b) => a + b, 0)).toBe(200);
    expect(batches().length).toBeLessThan(10);
    expect(Math.max(...batches())).toBe(64);
    for (const id of ids) expect((await ts.store.inbox.get('stripe', id))?.status).toBe('pending');
  });

  it('a duplicate inside one batch is reported as duplicate, once inserted', async () => {
    const writer = createInboxWriter(ts.store);
    const id = uid('evt');
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => writer.insert(row(id))));
    expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(9);
  });

  it('with the store down every caller is rejected (nothing is acknowledged)', async () => {
    const down = await openTestStore(dialect);
    await down.store.close();
    const writer = createInboxWriter(down.store);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => writer.insert(row(uid('evt')))));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await down.close();
  });
});
