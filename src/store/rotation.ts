/**
 * Key rotation: rewrite every encrypted column under the active key. Rows are found by the key id in their
 * envelope, so a rotation that stops half-way resumes where it left off, and rows already current are skipped.
 */
import { sql } from 'kysely';
import type { RepoContext } from './context.ts';
import { CUSTOMER_ID_CONTEXT } from './repos/customers.ts';
import { INBOX_PAYLOAD_CONTEXT } from './repos/inbox.ts';

/** Re-encrypts stored ciphertexts with the active key; see `uigen-pay keys rotate`. */
export interface KeyRotation {
  /** Encrypted values not yet under the active key. */
  countStale(): Promise<number>;
  /**
   * Re-encrypt up to `limit` stale values in one transaction; returns how many were rewritten (0 = finished).
   * A value that does not decrypt (tampered, unknown key) throws `decrypt_failed` and nothing in the batch is
   * written.
   */
  reencryptBatch(limit: number): Promise<number>;
}

interface EncryptedColumn {
  table: 'webhook_inbox' | 'billing_profiles';
  column: 'payload_enc' | 'customer_id_enc';
  /** Primary key columns, so each rewrite touches one row through the index. */
  keys: readonly string[];
  context: string;
}

const COLUMNS: readonly EncryptedColumn[] = [
  { table: 'webhook_inbox', column: 'payload_enc', keys: ['id'], context: INBOX_PAYLOAD_CONTEXT },
  {
    table: 'billing_profiles',
    column: 'customer_id_enc',
    keys: ['user_id', 'provider'],
    context: CUSTOMER_ID_CONTEXT,
  },
];

export function createKeyRotation(ctx: RepoContext): KeyRotation {
  const activePrefix = `v1:${ctx.keyring.activeKid}:`;
  // substr, not LIKE: LIKE is case-insensitive on SQLite and treats '_' in a key id as a wildcard.
  const stale = (c: EncryptedColumn) =>
    sql<boolean>`substr(${sql.ref(c.column)}, 1, 3) = 'v1:' and substr(${sql.ref(c.column)}, 1, ${activePrefix.length}) <> ${activePrefix}`;

  return {
    async countStale() {
      let total = 0;
      for (const c of COLUMNS) {
        const r = await sql<{
          n: number | string;
        }>`select count(*) as n from ${sql.table(c.table)} where ${stale(c)}`.execute(ctx.db);
        total += Number(r.rows[0]?.n ?? 0);
      }
      return total;
    },

    async reencryptBatch(limit) {
      return ctx.withTx(async (db) => {
        let done = 0;
        for (const c of COLUMNS) {
          if (done >= limit) break;
          const keyList = sql.join(c.keys.map((k) => sql.ref(k)));
          const rows = await sql<
            Record<string, unknown> & { v: string }
          >`select ${keyList}, ${sql.ref(c.column)} as v from ${sql.table(c.table)} where ${stale(c)} limit ${limit - done}`.execute(
            db,
          );
          for (const row of rows.rows) {
            const fresh = ctx.keyring.encrypt(ctx.keyring.decrypt(row.v, c.context), c.context);
            const byKey = sql.join(
              c.keys.map((k) => sql`${sql.ref(k)} = ${row[k]}`),
              sql` and `,
            );
            // Also matched on the old ciphertext, so a value rewritten concurrently is not clobbered.
            await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${fresh} where ${byKey} and ${sql.ref(c.column)} = ${row.v}`.execute(
              db,
            );
            done++;
          }
        }
        return done;
      });
    },
  };
}
