/** The sandbox clock: real time plus an offset that tests and the CLI move forward. */
import type { SandboxClock } from './types.ts';

export interface SandboxClockControl extends SandboxClock {
  onAdvance(fn: (now: number) => Promise<void>): void;
}

export function createClock(realNow: () => number = Date.now): SandboxClockControl {
  let offset = 0;
  const hooks: Array<(now: number) => Promise<void>> = [];
  // Advances are serialized: two overlapping `advance` calls must not run renewals for the same period twice.
  let chain: Promise<void> = Promise.resolve();
  return {
    now: () => realNow() + offset,
    onAdvance: (fn) => {
      hooks.push(fn);
    },
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0)
        return Promise.reject(new RangeError('advance needs a non-negative duration'));
      const run = chain.then(async () => {
        offset += ms;
        for (const hook of hooks) await hook(realNow() + offset);
      });
      chain = run.catch(() => {});
      return run;
    },
  };
}
