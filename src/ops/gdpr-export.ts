/**
 * GDPR/CCPA access request: everything held about one user, as plain JSON. Includes the provider customer id
 * (the user is entitled to it) — the CLI writes it to a file with owner-only permissions.
 */
import type { Store } from '../store/types.ts';
import { auditUserRef } from './event-log.ts';

export interface GdprExportDeps {
  store: Store;
  now: number;
  actor?: string;
}

export interface GdprExport {
  userId: string;
  exportedAt: string;
  erased: boolean;
  billingProfiles: unknown[];
  subscriptions: unknown[];
  payments: unknown[];
  checkouts: unknown[];
  reviewFlags: unknown[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function gdprExport(userId: string, deps: GdprExportDeps): Promise<GdprExport> {
  const { store, now } = deps;
  const erased = await store.erasures.isUserErased(userId);
  const profiles = await store.customers.findByUser(userId);
  const subs = await store.subscriptions.listByUser(userId);
  const payments = await store.payments.listByUser(userId);
  const checkouts = await store.retention.listCheckoutsByUser(userId);
  const flags = await store.retention.listFlagsByUser(userId);
  await store.audit.append({
    actor: deps.actor ?? 'cli',
    action: 'gdpr.export',
    subject: auditUserRef(userId),
    at: now,
  });
  return {
    userId,
    exportedAt: new Date(now).toISOString(),
    erased,
    billingProfiles: profiles.map((p) => ({
      ...p,
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
    })),
    subscriptions: subs.map((s) => ({ ...s, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) })),
    payments: payments.map((p) => ({ ...p, createdAt: iso(p.createdAt) })),
    // The idempotency key is internal plumbing, not data about the person.
    checkouts: checkouts.map(({ idempotencyKey: _k, ...c }) => ({
      ...c,
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
    })),
    reviewFlags: flags.map((f) => ({ ...f, createdAt: iso(f.createdAt), clearedAt: iso(f.clearedAt) })),
  };
}
