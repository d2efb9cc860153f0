import type { RepoContext } from '../context.ts';
import type { SettingsRepo } from '../types.ts';

export function createSettingsRepo(ctx: RepoContext): SettingsRepo {
  const { db } = ctx;
  return {
    async get(key) {
      return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())
        ?.value;
    },
    async set(key, value, now) {
      await db
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    },
  };
}
