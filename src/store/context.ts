/**
 * What every repository needs: a Kysely handle (the pool, or one connection inside a transaction), the dialect
 * flags, and the crypto. `withTx` opens a write transaction unless the repo is already bound to one.
 */
import { type Kysely, sql } from 'kysely';
import type { Logger } from '../log.ts';
import type { BlindIndex } from './crypto/blind-index.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { StoreDialect } from './dialect.ts';
import type { Database } from './schema.ts';

export interface RepoContext {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  readonly keyring: Keyring;
  readonly blindIndex: BlindIndex;
  readonly now: () => number;
  readonly logger?: Logger;
  /** Run `fn` atomically: reuses the current transaction, or opens one. */
  withTx<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}

/** Advisory lock ids for critical sections that span processes (PostgreSQL; SQLite's writer lock covers them). */
export const LOCKS = { migrations: 71_530_001, auditChain: 71_530_002 } as const;

/**
 * One transaction on one reserved connection. On SQLite the dialect begins with `begin immediate`, so the
 * write lock is taken up front and a second process waits (busy_timeout) instead of failing mid-transaction.
 */
export async function runInTransaction<T>(
  dialect: StoreDialect,
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return dialect.db.connection().execute(async (conn) => {
    await sql.raw(dialect.beginSql).execute(conn);
    let result: T;
    try {
      result = await fn(conn);
    } catch (err) {
      try {
        await sql.raw('rollback').execute(conn);
      } catch {
        // The original error matters; a failed rollback means the connection is gone and the tx with it.
      }
      throw err;
    }
    await sql.raw('commit').execute(conn);
    return result;
  });
}

/** Takes the dialect's advisory lock for `lockId` inside the current transaction, if it needs one. */
export async function lockSection(
  ctx: { dialect: StoreDialect },
  db: Kysely<Database>,
  lockId: number,
): Promise<void> {
  const stmt = ctx.dialect.lockSql(lockId);
  if (stmt) await sql.raw(stmt).execute(db);
}

/** Kysely reports affected rows as bigint. */
export function affected(r: { numUpdatedRows?: bigint; numDeletedRows?: bigint } | undefined): number {
  return Number(r?.numUpdatedRows ?? r?.numDeletedRows ?? 0n);
}
