import { describe, expect, test } from 'vitest';
import { DIALECTS, openMany, storeOpener } from './harness.ts';

const event = (eventId: string, receivedAt = 1_000) => ({
  provider: 'stripe' as const,
  eventId,
  type: 'invoice.paid',
  payload: JSON.stringify({ id: eventId, object: 'event' }),
  receivedAt,
});

describe.each(DIALECTS)('inbox contract (%s)', (_name, h) => {
  const open = storeOpener();

  test('the same (provider, event id) inserted concurrently from several connections is stored once', async () => {
    const url = await h.freshUrl();
    const stores = await openMany(open, url, 4);
    const ids = Array.from({ length: 15 }, (_, i) => `evt_dup_${i}`);
    const results = await Promise.all(ids.flatMap((id) => stores.map((s) => s.inbox.insert(event(id)))));
    expect(results.filter((r) => r === 'inserted')).toHaveLength(ids.length);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(ids.length * (stores.length - 1));
    const rows = await h.exec(url, 'select count(*) as n from webhook_inbox');
    expect(Number(rows[0].n)).toBe(ids.length);
    // The same event id from another provider is a different event.
    expect(await stores[0].inbox.insert({ ...event('evt_dup_0'), provider: 'square' })).toBe('inserted');
  });

  test('insertMany stores a batch in one statement: repeats inside the batch and of stored rows are duplicates', async () => {
    const url = await h.freshUrl();
    const [s] = await openMany(open, url, 1);
    expect(await s.inbox.insert(event('evt_many_stored'))).toBe('inserted');
    const outcomes = await s.inbox.insertMany([
      event('evt_many_a'),
      event('evt_many_stored'),
      event('evt_many_b', 2_000),
      event('evt_many_a'),
      { ...event('evt_many_a'), provider: 'paypal' },
    ]);
    expect(outcomes).toEqual(['inserted', 'duplicate', 'inserted', 'duplicate', 'inserted']);
    const rows = await h.exec(url, 'select count(*) as n from webhook_inbox');
    expect(Number(rows[0].n)).toBe(4);
    // Stored like a single insert: pending, due at its receipt time, payload decrypts.
    expect(await s.inbox.get('stripe', 'evt_many_b')).toMatchObject({
      status: 'pending',
      attempts: 0,
      receivedAt: 2_000,
      nextAttemptAt: 2_000,
      payload: JSON.stringify({ id: 'evt_many_b', object: 'event' }),
      leaseOwner: null,
      lastError: null,
      processedAt: null,
    });
    expect(await s.inbox.insertMany([])).toEqual([]);
  });

  test('insertMany from several connections at once stores every event exactly once', async () => {
    const url = await h.freshUrl();
    const stores = await openMany(open, url, 3);
    const ids = Array.from({ length: 40 }, (_, i) => `evt_many_${i}`);
    // Each connection sends overlapping batches of the same ids in a different order.
    const results = await Promise.all(
      stores.map((st, k) => st.inbox.insertMany(ids.map((_, i) => event(ids[(i + k * 7) % ids.length])))),
    );
    const inserted = results.flat().filter((r) => r === 'inserted');
    expect(inserted).toHaveLength(ids.length);
    const rows = await h.exec(url, 'select count(*) as n from webhook_inbox');
    expect(Number(rows[0].n)).toBe(ids.length);
  });

  test('two workers claiming concurrently never get the same row, and together get every row', async () => {
    const url = await h.freshUrl();
    const [a, b, c] = await openMany(open, url, 3);
    for (let i = 0; i < 60; i++) await a.inbox.insert(event(`evt_claim_${i}`));
    const claimedBy = new Map<number, string>();
    const worker = async (name: string, store: typeof a) => {
      for (let round = 0; round < 100; round++) {
        const rows = await store.inbox.claim(name, { now: 2_000, leaseMs: 60_000, limit: 4 });
        if (rows.length === 0) return;
        for (const r of rows) {
          expect(claimedBy.get(r.id), `row ${r.id} claimed twice`).toBeUndefined();
          claimedBy.set(r.id, name);
          expect(r).toMatchObject({
            status: 'processing',
            leaseOwner: name,
            leaseExpiresAt: 62_000,
            attempts: 1,
          });
        }
      }
    };
    await Promise.all([worker('w1', b), worker('w2', c)]);
    expect(claimedBy.size).toBe(60);
    expect(new Set(claimedBy.values()).size).toBe(2);
  });

  test('an expired lease lets another worker claim; the first worker can no longer finish the row', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    await s.inbox.insert(event('evt_lease'));
    const [first] = await s.inbox.claim('w1', { now: 1_000, leaseMs: 100, limit: 10 });
    expect(first.payload).toBe(JSON.stringify({ id: 'evt_lease', object: 'event' }));
    expect(await s.inbox.claim('w2', { now: 1_099, leaseMs: 100, limit: 10 })).toEqual([]);
    const [again] = await s.inbox.claim('w2', { now: 1_100, leaseMs: 100, limit: 10 });
    expect(again).toMatchObject({ id: first.id, leaseOwner: 'w2', attempts: 2 });
    expect(await s.inbox.markDone(first.id, 'w1', 1_150)).toBe(false);
    expect(await s.inbox.markDone(first.id, 'w2', 1_150)).toBe(true);
    expect(await s.inbox.get('stripe', 'evt_lease')).toMatchObject({
      status: 'done',
      processedAt: 1_150,
      leaseOwner: null,
    });
  });

  test('retry waits until nextAttemptAt, dead letters can be replayed, stats count each state', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    for (const id of ['a', 'b', 'c']) await s.inbox.insert(event(id, 500));
    const rows = await s.inbox.claim('w', { now: 1_000, leaseMs: 1_000, limit: 10 });
    expect(rows.map((r) => r.eventId)).toEqual(['a', 'b', 'c']);
    expect(await s.inbox.markRetry(rows[0].id, 'w', 'handler_failed: boom\nstack', 5_000)).toBe(true);
    expect(await s.inbox.markDead(rows[1].id, 'w', 'max_attempts', 1_000)).toBe(true);
    expect(await s.inbox.markDone(rows[2].id, 'w', 1_000)).toBe(true);
    expect((await s.inbox.get('stripe', 'a'))?.lastError).toBe('handler_failed:_boom_stack');
    expect(await s.inbox.claim('w', { now: 4_999, leaseMs: 1_000, limit: 10 })).toEqual([]);
    expect(await s.inbox.stats(2_000)).toEqual({
      pending: 1,
      processing: 0,
      dead: 1,
      done: 1,
      oldestPendingAgeMs: 1_500,
    });
    expect((await s.inbox.list({ status: 'dead', limit: 10 })).map((r) => r.eventId)).toEqual(['b']);
    expect(await s.inbox.replayDead({ now: 3_000 })).toBe(1);
    const replayed = await s.inbox.get('stripe', 'b');
    expect(replayed).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: 3_000 });
    expect(
      (await s.inbox.claim('w', { now: 3_000, leaseMs: 1_000, limit: 10 })).map((r) => r.eventId),
    ).toEqual(['b']);
    expect(await s.inbox.replayDead({ ids: [], now: 3_000 })).toBe(0);
  });
});
