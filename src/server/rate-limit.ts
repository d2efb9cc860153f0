/**
 * Fixed-window rate limits on a shared counter store (the database by default), so N `serve` processes share
 * one budget. Keys are built from the authenticated user id or the socket address — never from
 * X-Forwarded-For unless `trustProxy` is configured (Fastify's `request.ip` honours that setting).
 */
import { PaymentsError } from '../errors.ts';
import { opaqueKey } from '../ops/opaque.ts';
import type { Metrics } from '../ops/metrics.ts';

/** Counter backend; `Store.rateLimits` satisfies it, `memoryCounters()` is the single-process fallback. */
export interface RateCounterStore {
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

export function memoryCounters(): RateCounterStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, windowMs, now) {
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w);
        if (windows.size > 50_000) for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
      }
      w.count += 1;
      return { ...w };
    },
  };
}

export class RateLimitedError extends PaymentsError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', `too many requests; try again in ${retryAfterSeconds} s`, 429, {
      extra: { retryAfter: retryAfterSeconds },
    });
  }
}

export function createRateLimiter(counters: RateCounterStore, opts: { now?: () => number; metrics?: Metrics } = {}) {
  const now = opts.now ?? Date.now;
  return {
    /** Throws RateLimitedError (429 + Retry-After) once `key` exceeds `max` within `windowMs`. */
    async consume(route: string, key: string, max: number, windowMs = 60_000): Promise<void> {
      const t = now();
      // Hashed: the counters table is shared storage and must not hold user ids or IPs in clear.
      const { count, resetAt } = await counters.hit(`${route}:${opaqueKey(key)}`, windowMs, t);
      if (count > max) {
        opts.metrics?.rateLimitRejections.inc({ route });
        throw new RateLimitedError(Math.max(1, Math.ceil((resetAt - t) / 1000)));
      }
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
