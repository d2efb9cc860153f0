/**
 * The Store: repositories bound to the connection pool, plus migrations, readiness and transactions. The
 * same class serves both dialects; everything dialect-specific sits behind StoreDialect.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Logger } from '../log.ts';
import type { RepoContext } from './context.ts';
import { runInTransaction } from './context.ts';
import type { BlindIndex } from './crypto/blind-index.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { StoreDialect } from './dialect.ts';
import { guardAll, guardRepo, mapStoreError, StoreMisuseError } from './guard.ts';
import { migrate, migrationStatus } from './migrations/index.ts';
import { createRepos } from './repos/index.ts';
import { createKeyRotation, type KeyRotation } from './rotation.ts';
import type { Database } from './schema.ts';
import type { Repos, Store } from './types.ts';

/** The concrete store `openStore` returns: the Store contract plus key rotation for `uigen-pay keys rotate`. */
export interface SqlStore extends Store {
  readonly keyRotation: KeyRotation;
}

export interface StoreParts {
  dialect: StoreDialect;
  keyring: Keyring;
  blindIndex: BlindIndex;
  now: () => number;
  logger?: Logger;
}

export function createSqlStore(parts: StoreParts): SqlStore {
  const { dialect } = parts;
  const scope = new AsyncLocalStorage<symbol>();
  const token = Symbol('store');
  let closed = false;

  const contextFor = (db: Kysely<Database>, inTx: boolean): RepoContext => ({
    db,
    dialect,
    keyring: parts.keyring,
    blindIndex: parts.blindIndex,
    now: parts.now,
    logger: parts.logger,
    withTx: (fn) => (inTx ? fn(db) : runInTransaction(dialect, fn)),
  });
  const rootContext = contextFor(dialect.db, false);
  const outer = guardAll(createRepos(rootContext), { dialect, scope, token });

  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (scope.getStore() === token) throw new StoreMisuseError();
    try {
      return await fn();
    } catch (err) {
      throw mapStoreError(dialect, err);
    }
  };

  return {
    ...outer,
    dialect: dialect.name,
    capabilities: dialect.capabilities,
    keyRotation: guardRepo(createKeyRotation(rootContext), { dialect, scope, token }),
    migrate: () => guarded(async () => ({ applied: await migrate(dialect, parts.now()) })),
    migrationStatus: () => guarded(() => migrationStatus(dialect)),
    ping: () =>
      guarded(async () => {
        await sql`select 1`.execute(dialect.db);
      }),
    transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T> {
      // SQLite: one connection, so transactions from this process queue behind each other (Kysely's
      // connection mutex). Calls on the outer store from inside fn would queue behind fn itself, so the guard
      // rejects them with StoreMisuseError instead of hanging.
      return guarded(() =>
        runInTransaction(dialect, (db) => {
          const tx = guardAll(createRepos(contextFor(db, true)), { dialect });
          return scope.run(token, () => fn(tx));
        }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await dialect.close();
    },
  };
}
