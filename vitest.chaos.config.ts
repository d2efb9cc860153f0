import { defineConfig } from 'vitest/config';

/** `npm run test:chaos`: crash, duplicate and outage storms against real processes (time-bounded). */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One storm at a time: they measure the whole machine.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
