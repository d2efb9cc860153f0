import type { Selectable } from 'kysely';
import { redact } from '../../redact.ts';
import { affected, type RepoContext } from '../context.ts';
import { type FlagTable, num, numOrNull } from '../schema.ts';
import type { FlagRecord, FlagRepo } from '../types.ts';

export const toFlagRecord = (r: Selectable<FlagTable>): FlagRecord => ({
  id: num(r.id),
  userId: r.user_id,
  reason: r.reason,
  details: r.details,
  createdAt: num(r.created_at),
  clearedAt: numOrNull(r.cleared_at),
});

export function createFlagRepo(ctx: RepoContext): FlagRepo {
  const { db } = ctx;
  return {
    async create(f) {
      const row = await db
        .insertInto('review_flags')
        .values({
          user_id: f.userId,
          reason: f.reason,
          details: JSON.stringify(redact(f.details ?? {})),
          created_at: f.now,
          cleared_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toFlagRecord(row);
    },

    async listOpen() {
      const rows = await db
        .selectFrom('review_flags')
        .selectAll()
        .where('cleared_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map(toFlagRecord);
    },

    async isFlagged(userId) {
      const r = await db
        .selectFrom('review_flags')
        .select('id')
        .where('user_id', '=', userId)
        .where('cleared_at', 'is', null)
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },

    async clear(id, now) {
      const r = await db
        .updateTable('review_flags')
        .set({ cleared_at: now })
        .where('id', '=', id)
        .where('cleared_at', 'is', null)
        .executeTakeFirst();
      return affected(r) > 0;
    },
  };
}
