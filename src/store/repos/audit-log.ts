/**
 * Tamper-evident audit log: each row stores sha256(prevHash + canonical fields) and the previous row's hash.
 * Ids are assigned by the appender (head + 1) under a lock, so the chain is linear even with several
 * processes appending; a gap, an edited field or a re-linked row shows up in verify().
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { redact } from '../../redact.ts';
import { LOCKS, lockSection, type RepoContext } from '../context.ts';
import { type AuditTable, type Database, num } from '../schema.ts';
import type { AuditEntry, AuditLogRepo } from '../types.ts';

export const GENESIS_HASH = '0'.repeat(64);
const VERIFY_BATCH = 1000;

type HashedFields = Pick<AuditEntry, 'id' | 'at' | 'actor' | 'action' | 'subject' | 'details'>;

/** The hash of one row. `details` is hashed as stored text, so no JSON re-serialization can change it. */
export function auditHash(prevHash: string, r: HashedFields): string {
  const canonical = JSON.stringify([r.id, r.at, r.actor, r.action, r.subject, r.details]);
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

const toEntry = (r: Selectable<AuditTable>): AuditEntry => ({
  id: num(r.id),
  at: num(r.at),
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Walks rows after `start.id`, each of which must carry the next id, link to the previous hash and match its
 * own hash. `start` is the genesis (id 0) or a retention checkpoint (the last pruned row's id and hash).
 */
export async function verifyChainFrom(
  db: Kysely<Database>,
  start: { id: number; hash: string },
): Promise<{ ok: boolean; checked: number; brokenAt?: number; reason?: string }> {
  let prev = start;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', prev.id)
      .orderBy('id')
      .limit(VERIFY_BATCH)
      .execute();
    for (const raw of rows) {
      const r = toEntry(raw);
      const broken = (reason: string) => ({ ok: false, checked, brokenAt: r.id, reason });
      if (r.id !== prev.id + 1) return broken(`rows ${prev.id + 1}..${r.id - 1} are missing`);
      if (r.prevHash !== prev.hash) return broken('link to the previous row does not match');
      if (r.hash !== auditHash(r.prevHash, r)) return broken('row contents do not match its hash');
      prev = { id: r.id, hash: r.hash };
      checked++;
    }
    if (rows.length < VERIFY_BATCH) return { ok: true, checked };
  }
}

export function createAuditLogRepo(ctx: RepoContext): AuditLogRepo {
  return {
    async append(e) {
      // Secrets are redacted, not encrypted: the log must stay readable and verifiable by an auditor.
      const details = JSON.stringify(redact(e.details ?? {}));
      return ctx.withTx(async (db) => {
        await lockSection(ctx, db, LOCKS.auditChain);
        const head = await db
          .selectFrom('audit_log')
          .select(['id', 'hash'])
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        const fields: HashedFields = {
          id: head ? num(head.id) + 1 : 1,
          at: e.at,
          actor: e.actor,
          action: e.action,
          subject: e.subject,
          details,
        };
        const prevHash = head?.hash ?? GENESIS_HASH;
        const hash = auditHash(prevHash, fields);
        await db
          .insertInto('audit_log')
          .values({ ...fields, prev_hash: prevHash, hash })
          .execute();
        return { ...fields, prevHash, hash };
      });
    },

    verify: () => verifyChainFrom(ctx.db, { id: 0, hash: GENESIS_HASH }),

    async list({ limit, afterId }) {
      const rows = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '>', afterId ?? 0)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toEntry);
    },
  };
}
