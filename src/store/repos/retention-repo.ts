/**
 * Retention and erasure maintenance, owned by ops (ops/retention.ts, ops/gdpr.ts).
 *
 * Audit-log pruning keeps the hash chain verifiable: only a whole prefix is deleted (ids 1..K, never the head),
 * and the hash of row K is recorded as a checkpoint (settings key `audit.checkpoint`) in the same transaction,
 * under the chain lock. `verify()` then starts from the checkpoint instead of the genesis hash, so the kept rows
 * are still checked link by link, and the pruning itself is an audit row (ops appends `retention.run`).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { affected, LOCKS, lockSection, type RepoContext } from '../context.ts';
import { type Database, num } from '../schema.ts';
import type { AuditCheckpoint, AuditLogRepo, RetentionRepo } from '../types.ts';
import { verifyChainFrom } from './audit-log.ts';
import { toCheckoutRecord } from './checkouts.ts';
import { toFlagRecord } from './flags.ts';

const CHECKPOINT_KEY = 'audit.checkpoint';
const FINISHED = ['done', 'dead'];

async function readCheckpoint(db: Kysely<Database>): Promise<AuditCheckpoint | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CHECKPOINT_KEY)
    .executeTakeFirst();
  return row ? (JSON.parse(row.value) as AuditCheckpoint) : undefined;
}

const count = (r: { n: number | string | bigint } | undefined) => num(r?.n ?? 0);

export function createRetentionRepo(ctx: RepoContext): RetentionRepo {
  const { db } = ctx;
  const finishedBefore = (cutoff: number) =>
    db.selectFrom('webhook_inbox').where('received_at', '<', cutoff).where('status', 'in', FINISHED);

  return {
    async blankInboxPayloads(cutoff, { since, dryRun, limit }) {
      const todo = finishedBefore(cutoff)
        .where('payload_enc', '!=', '')
        .where('received_at', '>=', since ?? 0);
      if (dryRun)
        return count(await todo.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst());
      const ids = todo.select('id').orderBy('id').limit(limit);
      return affected(
        await db
          .updateTable('webhook_inbox')
          .set({ payload_enc: '' })
          .where('id', 'in', ids)
          .executeTakeFirst(),
      );
    },

    async deleteInboxRows(cutoff, { dryRun, limit }) {
      if (dryRun)
        return count(
          await finishedBefore(cutoff)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst(),
        );
      const ids = finishedBefore(cutoff).select('id').orderBy('id').limit(limit);
      return affected(await db.deleteFrom('webhook_inbox').where('id', 'in', ids).executeTakeFirst());
    },

    async pruneAuditLog(cutoff, { dryRun, now }) {
      return ctx.withTx(async (tx) => {
        await lockSection(ctx, tx, LOCKS.auditChain);
        const head = await tx
          .selectFrom('audit_log')
          .select('id')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (!head) return { deleted: 0 };
        // The prefix ends before the first row that is still young (ids follow append order); the head always
        // stays so the next append still links to something.
        const young = await tx
          .selectFrom('audit_log')
          .select('id')
          .where('at', '>=', cutoff)
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        const through = Math.min(young ? num(young.id) - 1 : num(head.id), num(head.id) - 1);
        const from = await tx.selectFrom('audit_log').select('id').orderBy('id').limit(1).executeTakeFirst();
        const deleted = from ? Math.max(0, through - num(from.id) + 1) : 0;
        if (dryRun || deleted === 0) return { deleted };
        const last = await tx
          .selectFrom('audit_log')
          .select('hash')
          .where('id', '=', through)
          .executeTakeFirstOrThrow();
        const checkpoint: AuditCheckpoint = { throughId: through, hash: last.hash, at: now };
        await tx.deleteFrom('audit_log').where('id', '<=', through).execute();
        await tx
          .insertInto('settings')
          .values({ key: CHECKPOINT_KEY, value: JSON.stringify(checkpoint), updated_at: now })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ value: JSON.stringify(checkpoint), updated_at: now }),
          )
          .execute();
        return { deleted, checkpoint };
      });
    },

    auditCheckpoint: () => readCheckpoint(db),

    async listFlagsByUser(userId) {
      const rows = await db
        .selectFrom('review_flags')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map(toFlagRecord);
    },

    async listCheckoutsByUser(userId) {
      const rows = await db
        .selectFrom('checkout_sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map(toCheckoutRecord);
    },

    async deleteFlagsByUser(userId) {
      return affected(await db.deleteFrom('review_flags').where('user_id', '=', userId).executeTakeFirst());
    },

    async deleteExpiredRateLimits(before) {
      return affected(
        await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst(),
      );
    },

    async deleteRateLimitsEndingWith(suffix) {
      const pattern = `%${suffix.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
      const r = await db
        .deleteFrom('rate_limits')
        .where(sql<boolean>`key like ${pattern} escape '\\'`)
        .executeTakeFirst();
      return affected(r);
    },

    async compact() {
      // SQLite keeps deleted cells in free pages and old page images in the WAL; rebuild the file and truncate the
      // WAL so erased values are gone from disk. PostgreSQL: dead tuples are not readable through SQL and are
      // reclaimed by autovacuum; nothing to do here.
      if (ctx.dialect.name !== 'sqlite') return;
      await sql`vacuum`.execute(db);
      await sql`pragma wal_checkpoint(truncate)`.execute(db);
    },
  };
}

/**
 * The audit repo with a checkpoint-aware `verify()`: with no checkpoint it is the store's own verify; after a
 * retention prune the walk starts at the checkpoint (row K's hash) and the first kept row must be K + 1.
 */
export function withAuditCheckpoint(ctx: RepoContext, audit: AuditLogRepo): AuditLogRepo {
  return {
    ...audit,
    async verify() {
      const cp = await readCheckpoint(ctx.db);
      return cp ? verifyChainFrom(ctx.db, { id: cp.throughId, hash: cp.hash }) : audit.verify();
    },
  };
}
