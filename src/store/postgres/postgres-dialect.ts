/**
 * PostgreSQL through a `pg` Pool. Several serve/worker processes share one database: claims use
 * `FOR UPDATE SKIP LOCKED`, chained appends take a transaction-scoped advisory lock.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../log.ts';
import type { StoreDialect } from '../dialect.ts';
import type { Database as Schema } from '../schema.ts';

const NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
]);
// SQLSTATE classes/codes meaning "not now": connection exceptions, shutdown, too many connections, read-only.
const PG_STATES = /^(08...|57P0[1-4]|53300|53400|25006)$/;
const POOL_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Cannot use a pool after calling end|Client has encountered a connection error/i;

export function isPostgresUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string' && (NET_CODES.has(e.code) || PG_STATES.test(e.code))) return true;
  if (typeof e?.message === 'string' && POOL_MESSAGES.test(e.message)) return true;
  // Node wraps dual-stack connect failures in an AggregateError.
  return Array.isArray(e?.errors) && e.errors.some(isPostgresUnavailable);
}

export function createPostgresDialect(
  url: string,
  opts: { logger?: Logger; poolSize?: number } = {},
): StoreDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // A client dropped by the server must not crash the process; the query in flight (or the next one) reports
  // it. The pool only listens on *idle* clients; a checked-out one (open transaction, lease, in-flight query)
  // emits 'error' with no listener, which would kill serve — so every client gets its own listener.
  const onClientError = (err: Error) =>
    opts.logger?.warn({ code: (err as { code?: string }).code }, 'postgres pool client error');
  pool.on('connect', (client) => client.on('error', onClientError));
  // The pool re-emits idle clients' errors too; the listener above has already logged them.
  pool.on('error', () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    capabilities: Object.freeze({ skipLocked: true, multiProcess: true }),
    db,
    beginSql: 'begin',
    lockSql: (lockId) => `select pg_advisory_xact_lock(${Math.trunc(lockId)})`,
    autoIdType: 'bigserial',
    autoId: (col) => col.primaryKey(),
    isUnavailable: isPostgresUnavailable,
    close: () => db.destroy(),
  };
}
