/**
 * Migrations in code, applied in order inside one transaction under a lock, so several processes starting at
 * once apply each step exactly once. A database that recorded a step this code does not know was migrated by
 * a newer release: refuse to run rather than write rows the newer schema would misread.
 */
import type { Kysely } from 'kysely';
import { ConfigError } from '../../errors.ts';
import { LOCKS, lockSection, runInTransaction } from '../context.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { initial } from './001_initial.ts';
import type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [initial];

export class SchemaTooNewError extends ConfigError {}

async function appliedNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('uigen_migrations').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

function checkKnown(applied: string[], known: readonly Migration[]): void {
  const names = new Set(known.map((m) => m.name));
  const unknown = applied.filter((n) => !names.has(n));
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `database schema is newer than this version of uigen-payments (it has migration '${unknown[0]}' this version does not know); upgrade uigen-payments or point DATABASE_URL at the right database`,
    );
  }
}

export async function migrate(
  dialect: StoreDialect,
  now: number,
  known: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  return runInTransaction(dialect, async (db) => {
    await lockSection({ dialect }, db, LOCKS.migrations);
    await db.schema
      .createTable('uigen_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'bigint', (c) => c.notNull())
      .execute();
    const applied = await appliedNames(db);
    checkKnown(applied, known);
    const done = new Set(applied);
    const ran: string[] = [];
    for (const m of known) {
      if (done.has(m.name)) continue;
      await m.up(db, dialect);
      await db.insertInto('uigen_migrations').values({ name: m.name, applied_at: now }).execute();
      ran.push(m.name);
    }
    return ran;
  });
}

export async function migrationStatus(
  dialect: StoreDialect,
  known: readonly Migration[] = MIGRATIONS,
): Promise<{ current: boolean; applied: number; known: number }> {
  const tables = await dialect.db.introspection.getTables({ withInternalKyselyTables: false });
  const hasTable = tables.some(
    (t) => t.name === 'uigen_migrations' && (t.schema === undefined || t.schema === 'public'),
  );
  const applied = hasTable ? await appliedNames(dialect.db) : [];
  const names = new Set(applied);
  return {
    current: known.every((m) => names.has(m.name)) && applied.length === known.length,
    applied: applied.length,
    known: known.length,
  };
}
