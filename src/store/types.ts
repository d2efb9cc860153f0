/**
 * The storage contract. One interface, two dialects (store/sqlite, store/postgres), the same contract suite
 * runs on both. Encrypted columns are encrypted/decrypted inside the repositories: callers see plaintext,
 * the database never does.
 */

import type { SubscriptionStatus } from '../providers/types.ts';
import type { ProviderName } from '../spec/types.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface StoreCapabilities {
  /** `FOR UPDATE SKIP LOCKED` available (PostgreSQL). SQLite serializes writers instead. */
  skipLocked: boolean;
  /** Several processes may write at once (PostgreSQL). */
  multiProcess: boolean;
}

export type InboxStatus = 'pending' | 'processing' | 'done' | 'dead';

export interface InboxRow {
  id: number;
  provider: ProviderName;
  eventId: string;
  type: string;
  /** Decrypted raw payload (verified body as received). Empty string once pruned by retention. */
  payload: string;
  status: InboxStatus;
  attempts: number;
  receivedAt: number;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  lastError: string | null;
  processedAt: number | null;
}

export interface InboxStats {
  pending: number;
  processing: number;
  dead: number;
  done: number;
  /** Age in ms of the oldest row still pending/processing (0 when none). */
  oldestPendingAgeMs: number;
}

/** One verified event for the inbox. */
export interface InboxInsert {
  provider: ProviderName;
  eventId: string;
  type: string;
  payload: string;
  receivedAt: number;
}

export interface InboxRepo {
  /** Durably insert a verified event. Unique on (provider, eventId): a second insert returns 'duplicate'. */
  insert(e: InboxInsert): Promise<'inserted' | 'duplicate'>;
  /**
   * Insert many events in ONE statement (atomic: all rows commit together or none). Outcomes are in input
   * order; a repeat of an earlier row in the same call, or of a stored row, is 'duplicate'. The group-commit
   * writer uses this so one commit and one round trip cover a whole batch of deliveries.
   */
  insertMany(events: readonly InboxInsert[]): Promise<Array<'inserted' | 'duplicate'>>;
  /**
   * Claim up to `limit` rows that are pending with nextAttemptAt <= now, or processing with an expired lease.
   * Sets status processing, leaseOwner, leaseExpiresAt = now + leaseMs, attempts + 1. Two callers never get the
   * same row (SKIP LOCKED on PostgreSQL; a single write transaction on SQLite).
   */
  claim(owner: string, opts: { now: number; leaseMs: number; limit: number }): Promise<InboxRow[]>;
  /** status done, processedAt; only if `owner` still holds the lease. Returns false if the lease was lost. */
  markDone(id: number, owner: string, now: number): Promise<boolean>;
  /** Back to pending with nextAttemptAt, lastError = code (short, secret-free). Lease must be held. */
  markRetry(id: number, owner: string, errorCode: string, nextAttemptAt: number): Promise<boolean>;
  /** status dead (dead letter) with the error code. Lease must be held. */
  markDead(id: number, owner: string, errorCode: string, now: number): Promise<boolean>;
  /** Re-queue dead letters (all, or those ids): status pending, attempts 0. Returns how many. */
  replayDead(opts?: { ids?: number[]; now: number }): Promise<number>;
  get(provider: ProviderName, eventId: string): Promise<InboxRow | undefined>;
  list(opts: { status?: InboxStatus; limit: number }): Promise<InboxRow[]>;
  stats(now: number): Promise<InboxStats>;
}

export interface BillingProfile {
  userId: string;
  provider: ProviderName;
  /** Decrypted provider customer id. */
  customerId: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CustomerRepo {
  /** Create or update the (userId, provider) profile. customerId stored encrypted + blind index. */
  upsert(p: {
    userId: string;
    provider: ProviderName;
    customerId?: string | null;
    now: number;
  }): Promise<void>;
  setPaymentMethod(p: {
    provider: ProviderName;
    customerId: string;
    brand: string | null;
    last4: string | null;
    now: number;
  }): Promise<void>;
  findByUser(userId: string): Promise<BillingProfile[]>;
  /** Lookup through the blind index; never decrypts the whole table. */
  findUserIdByCustomer(provider: ProviderName, customerId: string): Promise<string | undefined>;
  /** Remove the user's profiles. Returns rows removed. */
  deleteByUser(userId: string): Promise<number>;
  /** Every encrypted-column row, for key rotation: returns ids; `reencrypt` rewrites one with the active key. */
}

export interface SubscriptionRecord {
  /** Our id (what /api/payments/subscriptions/:id takes). */
  id: string;
  userId: string;
  provider: ProviderName;
  providerSubscriptionId: string;
  productId: string | null;
  plan: string | null;
  status: SubscriptionStatus;
  currentPeriodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  /** Ordering key of the newest applied snapshot. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface SubscriptionRepo {
  /**
   * Set state from a snapshot if `version` is newer than the stored one (or the row is new).
   * Returns 'applied' or 'stale' (older snapshot ignored). Never increments anything.
   */
  applySnapshot(
    s: Omit<SubscriptionRecord, 'id' | 'createdAt' | 'updatedAt'> & { now: number },
  ): Promise<'applied' | 'stale'>;
  get(id: string): Promise<SubscriptionRecord | undefined>;
  findByProviderId(
    provider: ProviderName,
    providerSubscriptionId: string,
  ): Promise<SubscriptionRecord | undefined>;
  listByUser(userId: string): Promise<SubscriptionRecord[]>;
  deleteByUser(userId: string): Promise<number>;
}

export interface PaymentRecord {
  id: string;
  provider: ProviderName;
  providerPaymentId: string;
  /** Null after GDPR pseudonymization. */
  userId: string | null;
  subscriptionId: string | null;
  amount: number;
  currency: string;
  status: 'paid' | 'failed' | 'refunded';
  failureCode: string | null;
  createdAt: number;
}

export interface PaymentRepo {
  /** Insert or update by (provider, providerPaymentId, status): recording the same fact twice has one effect. */
  record(p: Omit<PaymentRecord, 'id'>): Promise<'inserted' | 'exists'>;
  listByUser(userId: string): Promise<PaymentRecord[]>;
  countFailedSince(userId: string, since: number): Promise<number>;
  /** Replace userId with a pseudonym (legal retention of payment records). Returns rows changed. */
  pseudonymizeUser(userId: string, pseudonym: string): Promise<number>;
  deleteOlderThan(cutoff: number, opts?: { dryRun?: boolean }): Promise<number>;
}

export interface CheckoutRecord {
  id: string;
  userId: string;
  productId: string;
  provider: ProviderName;
  providerSessionId: string;
  url: string;
  idempotencyKey: string;
  status: 'open' | 'complete' | 'expired';
  createdAt: number;
  updatedAt: number;
}

export interface CheckoutRepo {
  create(c: Omit<CheckoutRecord, 'updatedAt'>): Promise<void>;
  getByProviderSession(
    provider: ProviderName,
    providerSessionId: string,
  ): Promise<CheckoutRecord | undefined>;
  findBySessionId(sessionId: string): Promise<CheckoutRecord | undefined>;
  /** Most recent open session for user+product created at or after `since` (idempotent re-use). */
  findRecentOpen(userId: string, productId: string, since: number): Promise<CheckoutRecord | undefined>;
  setStatus(
    provider: ProviderName,
    providerSessionId: string,
    status: CheckoutRecord['status'],
    now: number,
  ): Promise<void>;
  countByUserSince(userId: string, since: number): Promise<number>;
  deleteByUser(userId: string): Promise<number>;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  /** JSON text, secrets redacted before it gets here. */
  details: string;
  prevHash: string;
  hash: string;
}

export interface AuditLogRepo {
  /** Append one row chained to the previous one. Appends are serialized (one chain, even across processes). */
  append(e: {
    actor: string;
    action: string;
    subject: string;
    details?: Record<string, unknown>;
    at: number;
  }): Promise<AuditEntry>;
  /** Walk the chain; `brokenAt` is the id of the first row whose hash or link does not match. */
  verify(): Promise<{ ok: boolean; checked: number; brokenAt?: number; reason?: string }>;
  list(opts: { limit: number; afterId?: number }): Promise<AuditEntry[]>;
}

export interface FlagRecord {
  id: number;
  userId: string;
  reason: string;
  details: string;
  createdAt: number;
  clearedAt: number | null;
}

export interface FlagRepo {
  create(f: {
    userId: string;
    reason: string;
    details?: Record<string, unknown>;
    now: number;
  }): Promise<FlagRecord>;
  listOpen(): Promise<FlagRecord[]>;
  isFlagged(userId: string): Promise<boolean>;
  clear(id: number, now: number): Promise<boolean>;
}

/** GDPR erasures: blind index of erased user ids / customer ids, so late webhooks don't recreate anything. */
export interface ErasureRepo {
  record(e: { userId: string; provider?: ProviderName; customerId?: string; now: number }): Promise<void>;
  isUserErased(userId: string): Promise<boolean>;
  isCustomerErased(provider: ProviderName, customerId: string): Promise<boolean>;
}

export interface RateLimitRepo {
  /** Count one hit for `key` in a fixed window; shared across processes. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

/** Key/value settings shared by every process (e.g. the pause-checkout switch). */
export interface SettingsRepo {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, now: number): Promise<void>;
}

export interface Repos {
  inbox: InboxRepo;
  customers: CustomerRepo;
  subscriptions: SubscriptionRepo;
  payments: PaymentRepo;
  checkouts: CheckoutRepo;
  audit: AuditLogRepo;
  flags: FlagRepo;
  erasures: ErasureRepo;
  rateLimits: RateLimitRepo;
  settings: SettingsRepo;
  /** Retention and erasure maintenance (ops-owned: store/repos/retention-repo.ts). */
  retention: RetentionRepo;
}

/** Where `audit.verify()` starts after a retention prune: rows 1..throughId were deleted, `hash` is row throughId's. */
export interface AuditCheckpoint {
  throughId: number;
  hash: string;
  /** Epoch ms of the prune. */
  at: number;
}

/**
 * Data-lifecycle operations for `ops/retention.ts` and `ops/gdpr.ts`. Batched methods take a `limit` so a
 * large backlog is worked off in short transactions (progress, no long write lock).
 */
export interface RetentionRepo {
  /**
   * Blank the raw payload of finished (done/dead) inbox rows received in [`since`, `cutoff`); the row stays for
   * dedupe. `since` excludes rows about to be deleted anyway, so counts are not doubled.
   */
  blankInboxPayloads(
    cutoff: number,
    opts: { since?: number; dryRun?: boolean; limit: number },
  ): Promise<number>;
  /** Delete finished (done/dead) inbox rows received before `cutoff`. Pending/processing rows are never touched. */
  deleteInboxRows(cutoff: number, opts: { dryRun?: boolean; limit: number }): Promise<number>;
  /** Delete the audit-log prefix older than `cutoff` (never the head) and record the checkpoint verify starts from. */
  pruneAuditLog(
    cutoff: number,
    opts: { dryRun?: boolean; now: number },
  ): Promise<{ deleted: number; checkpoint?: AuditCheckpoint }>;
  auditCheckpoint(): Promise<AuditCheckpoint | undefined>;
  /** Every flag of a user, open or cleared (GDPR export). */
  listFlagsByUser(userId: string): Promise<FlagRecord[]>;
  deleteFlagsByUser(userId: string): Promise<number>;
  /** Every checkout session of a user (GDPR export). */
  listCheckoutsByUser(userId: string): Promise<CheckoutRecord[]>;
  /** Delete rate-limit counters whose window started before `before`. */
  deleteExpiredRateLimits(before: number): Promise<number>;
  /** Delete rate-limit counters whose key ends with `suffix` (GDPR: counters keyed `<route>:<userId>`). */
  deleteRateLimitsEndingWith(suffix: string): Promise<number>;
  /** Make deleted values unrecoverable from the database files (SQLite: VACUUM + WAL truncate). Outer store only. */
  compact(): Promise<void>;
}

export interface Store extends Repos {
  readonly dialect: Dialect;
  readonly capabilities: StoreCapabilities;
  /** Apply pending migrations; no-op when current; throws if the database is newer than the code. */
  migrate(): Promise<{ applied: string[] }>;
  /** Schema version state for /readyz. */
  migrationStatus(): Promise<{ current: boolean; applied: number; known: number }>;
  /** Cheap round trip for readiness; throws StoreUnavailableError when unreachable. */
  ping(): Promise<void>;
  /** Run `fn` in one transaction; every repo on `tx` is bound to it. Rollback on throw. */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
