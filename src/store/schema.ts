/**
 * Table shapes as Kysely sees them. Times are epoch ms (bigint on PostgreSQL, which `pg` returns as a
 * string — repositories convert with `num()`); booleans are 0/1 integers so both dialects agree.
 */
import type { Generated } from 'kysely';

type Int = number | string; // bigint columns arrive as strings from pg

export interface InboxTable {
  id: Generated<Int>;
  provider: string;
  event_id: string;
  type: string;
  /** Encrypted envelope, or '' once retention pruned it. */
  payload_enc: string;
  status: string;
  attempts: number;
  received_at: Int;
  next_attempt_at: Int;
  lease_owner: string | null;
  lease_expires_at: Int | null;
  last_error: string | null;
  processed_at: Int | null;
}

export interface BillingProfileTable {
  user_id: string;
  provider: string;
  customer_id_enc: string | null;
  customer_bidx: string | null;
  card_brand: string | null;
  card_last4: string | null;
  flags: number;
  created_at: Int;
  updated_at: Int;
}

export interface SubscriptionTable {
  id: string;
  user_id: string;
  provider: string;
  provider_subscription_id: string;
  product_id: string | null;
  plan: string | null;
  status: string;
  current_period_end: Int | null;
  cancel_at_period_end: number;
  version: Int;
  created_at: Int;
  updated_at: Int;
}

export interface PaymentTable {
  id: string;
  provider: string;
  provider_payment_id: string;
  user_id: string | null;
  subscription_id: string | null;
  amount: Int;
  currency: string;
  status: string;
  failure_code: string | null;
  created_at: Int;
}

export interface CheckoutTable {
  id: string;
  user_id: string;
  product_id: string;
  provider: string;
  provider_session_id: string;
  url: string;
  idempotency_key: string;
  status: string;
  created_at: Int;
  updated_at: Int;
}

export interface AuditTable {
  id: Int;
  at: Int;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface FlagTable {
  id: Generated<Int>;
  user_id: string;
  reason: string;
  details: string;
  created_at: Int;
  cleared_at: Int | null;
}

export interface ErasureTable {
  kind: string;
  hash: string;
  created_at: Int;
}

export interface RateLimitTable {
  key: string;
  window_start: Int;
  count: Int;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: Int;
}

export interface MigrationTable {
  name: string;
  applied_at: Int;
}

export interface Database {
  uigen_migrations: MigrationTable;
  webhook_inbox: InboxTable;
  billing_profiles: BillingProfileTable;
  subscriptions: SubscriptionTable;
  payments: PaymentTable;
  checkout_sessions: CheckoutTable;
  audit_log: AuditTable;
  review_flags: FlagTable;
  erasures: ErasureTable;
  rate_limits: RateLimitTable;
  settings: SettingTable;
}

/** bigint-as-string (pg) or number (SQLite) → number. */
export function num(v: number | string | bigint): number {
  return typeof v === 'number' ? v : Number(v);
}

export function numOrNull(v: number | string | bigint | null | undefined): number | null {
  return v === null || v === undefined ? null : num(v);
}
