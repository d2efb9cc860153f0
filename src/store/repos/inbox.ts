import type { Selectable } from 'kysely';
import type { ProviderName } from '../../spec/types.ts';
import { affected, type RepoContext } from '../context.ts';
import { DecryptError } from '../crypto/errors.ts';
import { type InboxTable, num, numOrNull } from '../schema.ts';
import type { InboxRepo, InboxRow, InboxStatus } from '../types.ts';

/** AAD for the payload column: a ciphertext copied into another column will not decrypt. */
export const INBOX_PAYLOAD_CONTEXT = 'webhook_inbox.payload';

/** Error codes are short identifiers; anything longer or odd is cut so no SDK text or secret lands here. */
function safeCode(code: string): string {
  return code.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 64);
}

export function createInboxRepo(ctx: RepoContext): InboxRepo {
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
