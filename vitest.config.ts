import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/chaos/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores here; embedded PostgreSQL and Chromium suites are heavy.
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
