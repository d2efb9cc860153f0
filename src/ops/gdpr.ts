/**
 * GDPR/CCPA erasure and export.
 *
 * Erasure order matters: provider calls first (cancel subscriptions, delete the customer) while we still know
 * the customer id — a failure there leaves local data intact so the command can simply be re-run. Then one
 * transaction records the erasure (blind-index hashes only, so late webhooks for that user or customer are
 * acknowledged but recreate nothing), deletes profiles, subscriptions, checkouts, flags and counters, and
 * pseudonymizes payment records (kept for legal retention). The audit row names the pseudonym, never the id.
 */
import { ConfigError, ProviderError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { PaymentProvider } from '../providers/types.ts';
import type { ProviderName } from '../spec/types.ts';
import type { BillingProfile, Store, SubscriptionRecord } from '../store/types.ts';
import { erasurePseudonym } from './pseudonym.ts';

export interface GdprDeps {
  store: Store;
  providers: Map<ProviderName, PaymentProvider>;
  now: number;
  /** Who asked (operator name, `cli`); recorded in the audit row. */
  actor: string;
  logger: Logger;
  /** HMAC key for the pseudonym (base64; the deployment's blind-index key). Absent = random, unlinkable. */
  pseudonymKey?: string;
  /** SQLite: rebuild the file so erased values are not left in free pages or the WAL (default true). */
  compact?: boolean;
}

export interface GdprDeleteResult {
  alreadyErased: boolean;
  customersDeleted: number;
  subscriptionsRemoved: number;
  paymentsPseudonymized: number;
}

function providerFor(providers: GdprDeps['providers'], name: ProviderName): PaymentProvider {
  const p = providers.get(name);
  if (!p)
    throw new ConfigError(
      `the user has ${name} billing data but ${name} is not configured; configure it so the provider customer can be deleted too`,
    );
  return p;
}

/** A 404 from the provider means the object is already gone: that is the goal, not a failure. */
function isGone(err: unknown): boolean {
  return (
    err instanceof ProviderError &&
    (err.status === 404 || /not_found|missing|no_such/i.test(`${err.code} ${err.providerCode ?? ''}`))
  );
}

async function ignoreGone(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!isGone(err)) throw err;
  }
}

type ProviderCustomer = { provider: ProviderName; customerId: string };

/** Cancels live subscriptions, then deletes every provider customer; returns the customers deleted. */
async function eraseAtProviders(
  deps: GdprDeps,
  profiles: BillingProfile[],
  subs: SubscriptionRecord[],
): Promise<ProviderCustomer[]> {
  for (const s of subs) providerFor(deps.providers, s.provider);
  for (const p of profiles) providerFor(deps.providers, p.provider);
  const customers = new Map<string, ProviderCustomer>();
  const add = (provider: ProviderName, customerId: string | null | undefined) => {
    if (customerId) customers.set(`${provider}\u0000${customerId}`, { provider, customerId });
  };
  for (const p of profiles) add(p.provider, p.customerId);
  // Cancel explicitly (providers without customer objects, e.g. PayPal, only stop billing this way). The
  // provider's answer names the customer, which catches one our profile never linked (webhooks out of order).
  for (const s of subs) {
    if (s.status === 'canceled') continue;
    await ignoreGone(async () => {
      const snap = await providerFor(deps.providers, s.provider).cancelSubscription(
        s.providerSubscriptionId,
        {
          atPeriodEnd: false,
          idempotencyKey: `gdpr-cancel-${s.id}`,
        },
      );
      add(s.provider, snap.customerId);
    });
  }
  // Then delete each customer (Stripe/Square; deleting also cancels whatever is left there).
  for (const c of customers.values())
    await ignoreGone(() => providerFor(deps.providers, c.provider).deleteCustomer(c.customerId));
  return [...customers.values()];
}

export async function gdprDelete(userId: string, deps: GdprDeps): Promise<GdprDeleteResult> {
  const { store, now } = deps;
  const alreadyErased = await store.erasures.isUserErased(userId);
  const profiles = await store.customers.findByUser(userId);
  const subs = await store.subscriptions.listByUser(userId);
  const customers = await eraseAtProviders(deps, profiles, subs);
  const customersDeleted = customers.length;
  const pseudonym = erasurePseudonym(userId, deps.pseudonymKey);

  const result = await store.transaction(async (tx) => {
    await tx.erasures.record({ userId, now });
    for (const c of customers)
      await tx.erasures.record({ userId, provider: c.provider, customerId: c.customerId, now });
    await tx.customers.deleteByUser(userId);
    const subscriptionsRemoved = await tx.subscriptions.deleteByUser(userId);
    const checkouts = await tx.checkouts.deleteByUser(userId);
    const flags = await tx.retention.deleteFlagsByUser(userId);
    await tx.retention.deleteRateLimitsEndingWith(`:${userId}`);
    const paymentsPseudonymized = await tx.payments.pseudonymizeUser(userId, pseudonym);
    const counts = { customersDeleted, subscriptionsRemoved, paymentsPseudonymized, checkouts, flags };
    await tx.audit.append({
      actor: deps.actor,
      action: 'gdpr.delete',
      subject: pseudonym,
      details: { alreadyErased, ...counts },
      at: now,
    });
    return counts;
  });
  if (deps.compact !== false) await store.retention.compact();
  deps.logger.info({ subject: pseudonym, ...result, alreadyErased }, 'gdpr erasure complete');
  return {
    alreadyErased,
    customersDeleted: result.customersDeleted,
    subscriptionsRemoved: result.subscriptionsRemoved,
    paymentsPseudonymized: result.paymentsPseudonymized,
  };
}
