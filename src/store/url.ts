import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** `sqlite:<path>` (relative to `cwd`; `sqlite::memory:` for tests) or `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(databaseUrl: string, cwd: string): DatabaseTarget {
  const url = databaseUrl.trim();
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (url.toLowerCase().startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\/(?=\/|\.)/, '');
    if (rest === ':memory:') return { kind: 'sqlite', path: ':memory:' };
    if (rest === '')
      throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:.uigen/payments.db');
    return { kind: 'sqlite', path: isAbsolute(rest) ? rest : resolve(cwd, rest) };
  }
  // Never echo the value: a postgres URL with a typo may still hold a password.
  throw new ConfigError(
    'DATABASE_URL must start with sqlite: or postgres:// (e.g. sqlite:.uigen/payments.db)',
  );
}
