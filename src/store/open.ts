import { ConfigError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Settings } from '../spec/settings.ts';
import { createBlindIndex } from './crypto/blind-index.ts';
import { parseKeyring } from './crypto/keyring.ts';
import type { StoreDialect } from './dialect.ts';
import { createPostgresDialect } from './postgres/postgres-dialect.ts';
import { createSqliteDialect } from './sqlite/sqlite-dialect.ts';
import { createSqlStore, type SqlStore } from './store.ts';
import { parseDatabaseUrl } from './url.ts';

export interface OpenStoreOptions {
  databaseUrl: string;
  /** `kid:base64` comma list, first active (UIGEN_ENCRYPTION_KEYS). Required. */
  encryptionKeys?: string;
  /** base64 of ≥ 32 bytes (UIGEN_BLIND_INDEX_KEY). Required. */
  blindIndexKey?: string;
  nodeEnv?: string;
  now?: () => number;
  logger?: Logger;
  /** Base for relative `sqlite:` paths (default process.cwd()). */
  cwd?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** How long SQLite waits for another writer's lock before StoreUnavailableError (default 5000 ms). */
  sqliteBusyTimeoutMs?: number;
}

function missingKey(variable: string, nodeEnv: string | undefined): ConfigError {
  const how =
    nodeEnv === 'production'
      ? 'it is required in production: generate one with `uigen-pay keys generate` and keep it in your secret store'
      : '`uigen-pay dev` and `uigen-pay init` generate one into .uigen/, or run `uigen-pay keys generate`';
  return new ConfigError(`${variable} is not set; ${how}`);
}

/**
 * Opens the store named by `databaseUrl`. Keys are checked before the database is touched, so a bad key setting
 * refuses to start cleanly. Does not migrate: call `store.migrate()`.
 */
export async function openStore(opts: OpenStoreOptions): Promise<SqlStore> {
  if (!opts.encryptionKeys) throw missingKey('UIGEN_ENCRYPTION_KEYS', opts.nodeEnv);
  if (!opts.blindIndexKey) throw missingKey('UIGEN_BLIND_INDEX_KEY', opts.nodeEnv);
  const keyring = parseKeyring(opts.encryptionKeys);
  const blindIndex = createBlindIndex(opts.blindIndexKey);
  const target = parseDatabaseUrl(opts.databaseUrl, opts.cwd ?? process.cwd());
  let dialect: StoreDialect;
  try {
    dialect =
      target.kind === 'sqlite'
        ? createSqliteDialect(target.path, { busyTimeoutMs: opts.sqliteBusyTimeoutMs })
        : createPostgresDialect(target.url, { logger: opts.logger, poolSize: opts.poolSize });
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'error';
    throw new ConfigError(`cannot open the database named by DATABASE_URL (${code})`);
  }
  return createSqlStore({ dialect, keyring, blindIndex, now: opts.now ?? Date.now, logger: opts.logger });
}

/** `openStore` with the store fields of the server settings (what serve, worker and the CLI verbs do). */
export function openStoreFromSettings(
  settings: Pick<Settings, 'databaseUrl' | 'encryptionKeys' | 'blindIndexKey' | 'nodeEnv'>,
  opts: { cwd?: string; logger?: Logger } = {},
): Promise<SqlStore> {
  const { databaseUrl, encryptionKeys, blindIndexKey, nodeEnv } = settings;
  return openStore({ databaseUrl, encryptionKeys, blindIndexKey, nodeEnv, ...opts });
}
