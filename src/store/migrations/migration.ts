import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.ts';

/** One schema step. Names are ordered and never renamed: the database records which ones ran. */
export interface Migration {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was then, not today's types.
  up(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
}
