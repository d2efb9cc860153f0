/**
 * Retry schedule for failed inbox rows: exponential from 2 s, capped at 1 h, with "equal jitter" (half fixed,
 * half random) so a provider outage does not make every row retry in the same instant. With the default 8
 * attempts a row is dead-lettered after roughly 4 minutes of failures — long enough to ride out a deploy,
 * short enough that an operator sees it the same day.
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 60 * 60 * 1000;

/** Delay in ms before retry number `attempt` (1-based: the attempt that just failed). */
export function defaultBackoff(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
