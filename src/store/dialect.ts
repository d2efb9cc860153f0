/**
 * What differs between SQLite and PostgreSQL, as one small interface (the kysely `src/dialect` shape):
 * each implementation lives in its own folder and the repositories only read these flags and hooks.
 */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect, StoreCapabilities } from './types.ts';

export interface StoreDialect {
  readonly name: Dialect;
  readonly capabilities: StoreCapabilities;
  readonly db: Kysely<Database>;
  /** Statement that opens a write transaction (`begin immediate` on SQLite so writers queue up front). */
  readonly beginSql: string;
  /** Serializes one named critical section inside the current transaction (advisory lock); null = the
   *  transaction itself is already exclusive (SQLite). */
  lockSql(lockId: number): string | null;
  /** Column type + modifiers for an auto-increment primary key. */
  autoIdType: 'integer' | 'bigserial';
  autoId(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** True when `err` means the database is unreachable or busy (→ StoreUnavailableError, HTTP 503). */
  isUnavailable(err: unknown): boolean;
  close(): Promise<void>;
}
