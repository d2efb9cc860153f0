import pg from 'pg';
import { expect, test } from 'vitest';
import { createTestDatabase } from '../support/pg.ts';

test('the embedded PostgreSQL answers queries in a fresh database', async () => {
  const url = await createTestDatabase('smoke');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query('select 1 + 1 as two');
  await c.end();
  expect(r.rows[0].two).toBe(2);
});
