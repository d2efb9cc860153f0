import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { DAY_MS, runRetention, startRetentionJob } from '../../src/ops/retention.ts';
import type { RetentionConfig } from '../../src/spec/types.ts';
import { type DialectName, openOpsStore } from './support/store.ts';

const POLICY: RetentionConfig = {
  paymentsDays: 2555,
  webhookPayloadDays: 10,
  dedupeDays: 30,
  auditLogDays: 2555,
};
const T0 = Date.UTC(2033, 5, 1);
const ago = (days: number, extraMs = 0) => T0 - days * DAY_MS + extraMs;

async function seed(dialect: DialectName) {
  const h = await openOpsStore(dialect);
  const { store } = h;
  const pay = (id: string, createdAt: number) =>
    store.payments.record({
      provider: 'stripe',
      providerPaymentId: id,
      userId: 'u1',
      subscriptionId: null,
      amount: 100,
      currency: 'usd',
      status: 'paid',
      failureCode: null,
      createdAt,
    });
  await pay('pi_old', ago(2555, -1));
  await pay('pi_edge', ago(2555, +1));
  await pay('pi_new', ago(1));

  const inbox = (eventId: string, receivedAt: number) =>
    store.inbox.insert({
      provider: 'stripe',
      eventId,
      type: 'invoice.paid',
      payload: `{"id":"${eventId}"}`,
      receivedAt,
    });
  await inbox('evt_40d', ago(40));
  await inbox('evt_31d', ago(31));
  await inbox('evt_29d', ago(29));
  await inbox('evt_20d', ago(20));
  await inbox('evt_5d', ago(5));
  for (const row of await store.inbox.claim('t', { now: T0, leaseMs: 60_000, limit: 10 }))
    await store.inbox.markDone(row.id, 't', T0);
  // Still pending after 45 days (a stuck event): retention must never touch work that is not finished.
  await inbox('evt_pending', ago(45));

  for (const days of [3000, 2900, 2556])
    await store.audit.append({ actor: 'test', action: 'old', subject: 's', at: ago(days) });
  for (const days of [2554, 2])
    await store.audit.append({ actor: 'test', action: 'young', subject: 's', at: ago(days) });
  return h;
}

describe.each(['sqlite', 'postgres'] as const)('retention (%s)', (dialect) => {
  it('with the clock advanced, deletes exactly the rows past their age and keeps dedupe ids for 30 days', async () => {
    const { store } = await seed(dialect);
    const progress: Array<[number, number]> = [];
    const counts = await runRetention({
      store,
      retention: POLICY,
      now: T0,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(counts).toEqual({ payments: 1, webhookPayloads: 2, dedupeIds: 2, auditLog: 3 });

    expect((await store.payments.listByUser('u1')).map((p) => p.providerPaymentId).sort()).toEqual([
      'pi_edge',
      'pi_new',
    ]);
    // Dedupe ids: 40d and 31d are forgotten (a re-delivery would be new); 29d and younger still dedupe.
    for (const id of ['evt_29d', 'evt_20d', 'evt_5d', 'evt_pending']) {
      expect(
        await store.inbox.insert({
          provider: 'stripe',
          eventId: id,
          type: 'x',
          payload: '{}',
          receivedAt: T0,
        }),
      ).toBe('duplicate');
    }
    expect(await store.inbox.get('stripe', 'evt_40d')).toBeUndefined();
    expect(await store.inbox.get('stripe', 'evt_31d')).toBeUndefined();
    // Kept rows with payloads older than 10 days are blanked, the row kept; younger and unfinished ones keep their body.
    expect((await store.inbox.get('stripe', 'evt_29d'))?.payload).toBe('');
    expect((await store.inbox.get('stripe', 'evt_20d'))?.payload).toBe('');
    expect((await store.inbox.get('stripe', 'evt_5d'))?.payload).toBe('{"id":"evt_5d"}');
    expect((await store.inbox.get('stripe', 'evt_pending'))?.payload).toBe('{"id":"evt_pending"}');

    // Audit: the 3 old rows are gone, the chain still verifies from the checkpoint, and the run is audited.
    const audit = await store.audit.list({ limit: 100 });
    expect(audit.map((a) => a.action)).toEqual(['young', 'young', 'retention.run']);
    expect(JSON.parse(audit[2].details)).toMatchObject({
      payments: 1,
      webhookPayloads: 2,
      dedupeIds: 2,
      auditLog: 3,
    });
    expect(await store.audit.verify()).toMatchObject({ ok: true, checked: 3 });
    expect(progress.at(-1)).toEqual([8, 8]);

    // A second run finds nothing more.
    expect(await runRetention({ store, retention: POLICY, now: T0 })).toEqual({
      payments: 0,
      webhookPayloads: 0,
      dedupeIds: 0,
      auditLog: 0,
    });
  });

  it('--dry-run reports the same counts and changes nothing', async () => {
    const { store } = await seed(dialect);
    const before = await store.audit.list({ limit: 100 });
    const counts = await runRetention({ store, retention: POLICY, now: T0, dryRun: true });
    expect(counts).toEqual({ payments: 1, webhookPayloads: 2, dedupeIds: 2, auditLog: 3 });
    expect(await store.audit.list({ limit: 100 })).toEqual(before);
    expect((await store.payments.listByUser('u1')).length).toBe(3);
    expect((await store.inbox.get('stripe', 'evt_40d'))?.payload).toBe('{"id":"evt_40d"}');
  });

  it('refuses a dedupe window shorter than 30 days, before touching anything', async () => {
    const { store } = await seed(dialect);
    await expect(
      runRetention({ store, retention: { ...POLICY, dedupeDays: 29 }, now: T0 }),
    ).rejects.toBeInstanceOf(ConfigError);
    expect(await store.inbox.get('stripe', 'evt_40d')).toBeDefined();
    expect((await store.payments.listByUser('u1')).length).toBe(3);
  });
});

describe('audit log after a retention prune (sqlite)', () => {
  it('still detects an edited row and a re-linked first row', async () => {
    const h = await seed('sqlite');
    await runRetention({ store: h.store, retention: POLICY, now: T0 });
    const Database = (await import('../../src/store/sqlite/driver.ts')).default;
    const raw = new Database(h.url.slice('sqlite:'.length));
    try {
      const first = raw.prepare('select id from audit_log order by id limit 1').get() as { id: number };
      raw.prepare("update audit_log set subject = 'edited' where id = ?").run(first.id + 1);
      expect(await h.store.audit.verify()).toMatchObject({ ok: false, brokenAt: first.id + 1 });
      raw.prepare("update audit_log set subject = 's' where id = ?").run(first.id + 1);
      expect((await h.store.audit.verify()).ok).toBe(true);
      // Deleting a kept row right after the checkpoint is caught too.
      raw.prepare('delete from audit_log where id = ?').run(first.id);
      expect(await h.store.audit.verify()).toMatchObject({ ok: false });
    } finally {
      raw.close();
    }
  });
});

describe('scheduled retention job (sqlite)', () => {
  it('runs on its interval, and two processes sharing a store run it once per interval', async () => {
    const { store } = await seed('sqlite');
    const jobs = [1, 2].map(() => startRetentionJob({ store, retention: POLICY, now: () => T0 }, 200));
    try {
      const runs = async () =>
        (await store.audit.list({ limit: 100 })).filter((a) => a.action === 'retention.run').length;
      const deadline = Date.now() + 5000;
      while ((await runs()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await runs()).toBe(1);
      expect(await store.inbox.get('stripe', 'evt_40d')).toBeUndefined();
    } finally {
      for (const j of jobs) j.stop();
    }
  });
});
