/**
 * Every repository call goes through a guard that (1) turns "database unreachable/busy" into
 * StoreUnavailableError, so webhook routes answer 503 and the provider retries, and (2) refuses a call on the
 * outer store from inside `store.transaction(fn)`: on SQLite that call would wait for the transaction's own
 * connection forever, and on PostgreSQL it would silently run outside the transaction.
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import { ConflictError, PaymentsError, StoreUnavailableError } from '../errors.ts';
import type { StoreDialect } from './dialect.ts';

export class StoreMisuseError extends PaymentsError {
  constructor() {
    super(
      'store_misuse',
      'inside store.transaction(fn) use the repositories passed to fn, not the outer store',
      500,
    );
  }
}

/** Kysely's error for a query on a store that was already closed (shutdown in progress). */
function isClosedError(err: unknown): boolean {
  return err instanceof Error && /driver has already been destroyed/.test(err.message);
}

/** A driver error (SQLite `SQLITE_*` code, or a PostgreSQL error with a SQLSTATE and severity). */
function isDriverError(err: unknown): err is Error & { code: string } {
  const e = err as { code?: unknown; severity?: unknown };
  return (
    typeof e?.code === 'string' &&
    (e.code.startsWith('SQLITE_') || (/^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string'))
  );
}

const UNIQUE_VIOLATION = /^(23505|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY))$/;

/**
 * Driver errors carry SQL, constraint names and row values in their message; callers get a typed error with a
 * fixed message instead (the original stays in `cause` for debugging, which the logger does not print).
 */
export function mapStoreError(dialect: StoreDialect, err: unknown): unknown {
  if (err instanceof PaymentsError) return err;
  if (dialect.isUnavailable(err) || isClosedError(err)) return new StoreUnavailableError({ cause: err });
  if (isDriverError(err)) {
    if (UNIQUE_VIOLATION.test(err.code)) return new StoreConflictError(err);
    return new PaymentsError('store_error', 'storage operation failed', 500, { cause: err });
  }
  return err;
}

/** A unique key already holds this record (e.g. a checkout session id created twice). */
export class StoreConflictError extends ConflictError {
  constructor(cause: unknown) {
    super('already_exists', 'the record already exists');
    Object.defineProperty(this, 'cause', { value: cause, enumerable: false });
  }
}

export interface GuardOptions {
  dialect: StoreDialect;
  /** Set while a transaction callback runs; holds that store's token. */
  scope?: AsyncLocalStorage<symbol>;
  token?: symbol;
}

/** Wraps each method of `repo` with error mapping (and the misuse check when `scope` is given). */
export function guardRepo<T extends object>(repo: T, opts: GuardOptions): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(repo)) {
    if (typeof fn !== 'function') {
      out[name] = fn;
      continue;
    }
    out[name] = async (...args: unknown[]) => {
      if (opts.scope && opts.scope.getStore() === opts.token) throw new StoreMisuseError();
      try {
        return await fn(...args);
      } catch (err) {
        throw mapStoreError(opts.dialect, err);
      }
    };
  }
  return out as T;
}

export function guardAll<T extends object>(repos: T, opts: GuardOptions): T {
  const out: Record<string, unknown> = {};
  for (const [name, repo] of Object.entries(repos)) out[name] = guardRepo(repo as object, opts);
  return out as T;
}
