import { CompiledQuery, type Selectable } from 'kysely';
import type { ProviderName } from '../../spec/types.ts';
import { affected, type RepoContext } from '../context.ts';
import { DecryptError } from '../crypto/errors.ts';
import { type InboxTable, num, numOrNull } from '../schema.ts';
import type { InboxInsert, InboxRepo, InboxRow, InboxStatus } from '../types.ts';

/** AAD for the payload column: a ciphertext copied into another column will not decrypt. */
export const INBOX_PAYLOAD_CONTEXT = 'webhook_inbox.payload';

/** Error codes are short identifiers; anything longer or odd is cut so no SDK text or secret lands here. */
function safeCode(code: string): string {
  return code.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 64);
}

/** Per-row parameters of the multi-row insert; the constant columns are literals in the SQL. */
const ROW_PARAMS = 6;

/**
 * `insert … values (…), (…) on conflict do nothing returning provider, event_id` for `n` rows, written once per
 * row count: the query builder would rebuild (and SQLite re-prepare) it for every batch, which cost more than the
 * insert itself. Parameters only — no value is ever spliced into the text.
 */
function insertManySql(dialect: 'sqlite' | 'postgres', n: number): string {
  const rows: string[] = [];
  for (let r = 0; r < n; r++) {
    const p = (i: number) => (dialect === 'postgres' ? `$${r * ROW_PARAMS + i}` : '?');
    rows.push(`(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'pending', 0, ${p(5)}, ${p(6)})`);
  }
  return (
    'insert into webhook_inbox (provider, event_id, type, payload_enc, status, attempts, received_at, ' +
    `next_attempt_at) values ${rows.join(', ')} on conflict (provider, event_id) do nothing ` +
    'returning provider, event_id'
  );
}

const eventKey = (provider: string, eventId: string) => `${provider}\u0000${eventId}`;
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function createInboxRepo(ctx: RepoContext): InboxRepo {
  const sqlByCount = new Map<number, string>();
  const sqlFor = (n: number) => {
    let text = sqlByCount.get(n);
    if (!text) sqlByCount.set(n, (text = insertManySql(ctx.dialect.name, n)));
    return text;
  };
  const { db, keyring } = ctx;
  const toRow = (r: Selectable<InboxTable>): InboxRow => ({
    id: num(r.id),
    provider: r.provider as ProviderName,
    eventId: r.event_id,
    type: r.type,
    payload: r.payload_enc === '' ? '' : keyring.decrypt(r.payload_enc, INBOX_PAYLOAD_CONTEXT),
    status: r.status as InboxStatus,
    attempts: r.attempts,
    receivedAt: num(r.received_at),
    nextAttemptAt: num(r.next_attempt_at),
    leaseOwner: r.lease_owner,
    leaseExpiresAt: numOrNull(r.lease_expires_at),
    lastError: r.last_error,
    processedAt: numOrNull(r.processed_at),
  });
  const leased = (id: number, owner: string) =>
    db
      .updateTable('webhook_inbox')
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'processing');

  return {
    async insert(e) {
      // ON CONFLICT DO NOTHING: concurrent duplicates resolve to one 'inserted', never a constraint error.
      const row = await db
        .insertInto('webhook_inbox')
        .values({
          provider: e.provider,
          event_id: e.eventId,
          type: e.type,
          payload_enc: keyring.encrypt(e.payload, INBOX_PAYLOAD_CONTEXT),
          status: 'pending',
          attempts: 0,
          received_at: e.receivedAt,
          next_attempt_at: e.receivedAt,
          lease_owner: null,
          lease_expires_at: null,
          last_error: null,
          processed_at: null,
        })
        .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row ? 'inserted' : 'duplicate';
    },

    async insertMany(events) {
      // A repeat inside the batch is left out of the statement: its first copy decides, the rest are duplicates.
      const byKey = new Map<string, InboxInsert>();
      for (const e of events) {
        const key = eventKey(e.provider, e.eventId);
        if (!byKey.has(key)) byKey.set(key, e);
      }
      if (byKey.size === 0) return [];
      // One order for every writer: two batches holding the same ids then wait for each other instead of
      // deadlocking on PostgreSQL (each would hold one unique-index entry the other needs).
      const unique = [...byKey.keys()].sort(compareKeys).map((k) => byKey.get(k) as InboxInsert);
      const params: unknown[] = [];
      for (const e of unique) {
        params.push(
          e.provider,
          e.eventId,
          e.type,
          keyring.encrypt(e.payload, INBOX_PAYLOAD_CONTEXT),
          e.receivedAt,
          e.receivedAt,
        );
      }
      const result = await db.executeQuery<{ provider: string; event_id: string }>(
        CompiledQuery.raw(sqlFor(unique.length), params),
      );
      const inserted = new Set(result.rows.map((r) => eventKey(r.provider, r.event_id)));
      return events.map((e) => {
        const key = eventKey(e.provider, e.eventId);
        // Only the first copy of a key may claim the insert.
        if (inserted.delete(key)) return 'inserted';
        return 'duplicate';
      });
    },

    async claim(owner, { now, leaseMs, limit }) {
      let due = db
        .selectFrom('webhook_inbox')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'processing'), eb('lease_expires_at', '<=', now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit);
      // PostgreSQL: rows another worker is claiming right now are skipped, not waited on. SQLite: this single
      // UPDATE statement holds the database write lock, so two processes cannot pick the same row either.
      if (ctx.dialect.capabilities.skipLocked) due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable('webhook_inbox')
        .set((eb) => ({
          status: 'processing',
          lease_owner: owner,
          lease_expires_at: now + leaseMs,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', 'in', due)
        .returningAll()
        .execute();
      const claimed: InboxRow[] = [];
      for (const r of rows.sort((a, b) => num(a.id) - num(b.id))) {
        try {
          claimed.push(toRow(r));
        } catch (err) {
          if (!(err instanceof DecryptError)) throw err;
          // A payload that no longer decrypts (tampered, key removed) would be re-claimed and fail forever;
          // dead-letter it now, loudly, and hand the worker only the rows it can process.
          await leased(num(r.id), owner)
            .set({
              status: 'dead',
              last_error: err.code,
              processed_at: now,
              lease_owner: null,
              lease_expires_at: null,
            })
            .execute();
          ctx.logger?.error(
            { inboxId: num(r.id), provider: r.provider, code: err.code },
            'webhook inbox payload could not be decrypted; dead-lettered',
          );
        }
      }
      return claimed;
    },

    async markDone(id, owner, now) {
      const r = await leased(id, owner)
        .set({ status: 'done', processed_at: now, lease_owner: null, lease_expires_at: null })
        .executeTakeFirst();
      return affected(r) > 0;
    },

    async markRetry(id, owner, errorCode, nextAttemptAt) {
      const r = await leased(id, owner)
        .set({
          status: 'pending',
          next_attempt_at: nextAttemptAt,
          last_error: safeCode(errorCode),
          lease_owner: null,
          lease_expires_at: null,
        })
        .executeTakeFirst();
      return affected(r) > 0;
    },

    async markDead(id, owner, errorCode, now) {
      // processedAt records when it was given up on.
      const r = await leased(id, owner)
        .set({
          status: 'dead',
          last_error: safeCode(errorCode),
          processed_at: now,
          lease_owner: null,
          lease_expires_at: null,
        })
        .executeTakeFirst();
      return affected(r) > 0;
    },

    async replayDead(opts) {
      const now = opts?.now ?? ctx.now();
      let q = db
        .updateTable('webhook_inbox')
        .set({
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          processed_at: null,
          lease_owner: null,
          lease_expires_at: null,
        })
        .where('status', '=', 'dead');
      if (opts?.ids) {
        if (opts.ids.length === 0) return 0;
        q = q.where('id', 'in', opts.ids);
      }
      return affected(await q.executeTakeFirst());
    },

    async get(provider, eventId) {
      const r = await db
        .selectFrom('webhook_inbox')
        .selectAll()
        .where('provider', '=', provider)
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return r ? toRow(r) : undefined;
    },

    async list({ status, limit }) {
      let q = db.selectFrom('webhook_inbox').selectAll().orderBy('id').limit(limit);
      if (status) q = q.where('status', '=', status);
      return (await q.execute()).map(toRow);
    },

    async stats(now) {
      const counts = await db
        .selectFrom('webhook_inbox')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy('status')
        .execute();
      const oldest = await db
        .selectFrom('webhook_inbox')
        .select((eb) => eb.fn.min<number | string | null>('received_at').as('oldest'))
        .where('status', 'in', ['pending', 'processing'])
        .executeTakeFirst();
      const by = Object.fromEntries(counts.map((c) => [c.status, num(c.n)]));
      const oldestAt = numOrNull(oldest?.oldest);
      return {
        pending: by.pending ?? 0,
        processing: by.processing ?? 0,
        dead: by.dead ?? 0,
        done: by.done ?? 0,
        oldestPendingAgeMs: oldestAt === null ? 0 : Math.max(0, now - oldestAt),
      };
    },
  };
}
