import type { RepoContext } from '../context.ts';
import { num } from '../schema.ts';
import type { RateLimitRepo } from '../types.ts';

/** Fixed-window counters shared by every process: one atomic upsert per hit, no read-then-write race. */
export function createRateLimitRepo(ctx: RepoContext): RateLimitRepo {
  return {
    async hit(key, windowMs, now) {
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const row = await ctx.db
        .insertInto('rate_limits')
        .values({ key, window_start: windowStart, count: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            // A hit in a new window restarts the count instead of adding to the old one.
            count: eb
              .case()
              .when('rate_limits.window_start', '=', eb.ref('excluded.window_start'))
              .then(eb('rate_limits.count', '+', 1))
              .else(1)
              .end(),
            window_start: eb.ref('excluded.window_start'),
          })),
        )
        .returning(['count', 'window_start'])
        .executeTakeFirstOrThrow();
      return { count: num(row.count), resetAt: num(row.window_start) + windowMs };
    },
  };
}
