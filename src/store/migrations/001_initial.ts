/** The first schema: every table of DESIGN.md "Data protection" and the webhook inbox. */
import type { Migration } from './migration.ts';

export const initial: Migration = {
  name: '001_initial',
  async up(db, d) {
    const s = db.schema;
    await s
      .createTable('webhook_inbox')
      .addColumn('id', d.autoIdType, d.autoId)
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload_enc', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('processed_at', 'bigint')
      .addUniqueConstraint('webhook_inbox_provider_event_uq', ['provider', 'event_id'])
      .execute();
    await s
      .createIndex('webhook_inbox_due_ix')
      .on('webhook_inbox')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await s.createIndex('webhook_inbox_received_ix').on('webhook_inbox').column('received_at').execute();

    await s
      .createTable('billing_profiles')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('customer_id_enc', 'text')
      .addColumn('customer_bidx', 'text')
      .addColumn('card_brand', 'text')
      .addColumn('card_last4', 'text')
      .addColumn('flags', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('billing_profiles_pk', ['user_id', 'provider'])
      .execute();
    await s
      .createIndex('billing_profiles_bidx_ix')
      .on('billing_profiles')
      .columns(['provider', 'customer_bidx'])
      .execute();

    await s
      .createTable('subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('provider_subscription_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text')
      .addColumn('plan', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('current_period_end', 'bigint')
      .addColumn('cancel_at_period_end', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('subscriptions_provider_uq', ['provider', 'provider_subscription_id'])
      .execute();
    await s.createIndex('subscriptions_user_ix').on('subscriptions').column('user_id').execute();

    await s
      .createTable('payments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('provider_payment_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('subscription_id', 'text')
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('failure_code', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('payments_fact_uq', ['provider', 'provider_payment_id', 'status'])
      .execute();
    await s.createIndex('payments_user_ix').on('payments').columns(['user_id', 'created_at']).execute();
    await s.createIndex('payments_created_ix').on('payments').column('created_at').execute();

    await s
      .createTable('checkout_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('provider_session_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('checkout_sessions_provider_uq', ['provider', 'provider_session_id'])
      .execute();
    await s
      .createIndex('checkout_sessions_user_ix')
      .on('checkout_sessions')
      .columns(['user_id', 'created_at'])
      .execute();

    await s
      .createTable('audit_log')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('review_flags')
      .addColumn('id', d.autoIdType, d.autoId)
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('cleared_at', 'bigint')
      .execute();
    await s
      .createIndex('review_flags_user_ix')
      .on('review_flags')
      .columns(['user_id', 'cleared_at'])
      .execute();

    await s
      .createTable('erasures')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('erasures_pk', ['kind', 'hash'])
      .execute();

    await s
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .execute();

    await s
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
