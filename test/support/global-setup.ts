/**
 * Starts one embedded PostgreSQL for the whole run; suites get their own database via
 * `createTestDatabase()` (test/support/pg.ts). Its URL reaches workers through `provide('pgUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const pg = await startPostgres();
  project.provide('pgUrl', pg.url);
  return async () => {
    await pg.stop();
  };
}
