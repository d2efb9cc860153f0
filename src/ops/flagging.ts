/**
 * Flag-for-review, shared by the failed-payment rule (hooks) and the checkout-velocity rule (checkout guard).
 * Exactly one flag and one alert per burst: an open flag stops further ones, and a claim counter in the shared
 * rate-limit table makes concurrent workers (other processes too) agree on a single winner per window.
 */
import type { Store } from '../store/types.ts';
import type { Alerter } from './alerts/types.ts';
import { opaqueKey } from './opaque.ts';

export interface FlagRequest {
  userId: string;
  /** Short machine reason: failed_payments | checkout_velocity_user | checkout_velocity_ip. */
  reason: string;
  /** Human summary for the alert title. */
  summary: string;
  /** Stored on the flag and sent with the alert. */
  details: Record<string, unknown>;
  /** Alert-only context (masked by the alert formatter, never stored), e.g. the IP. */
  alertDetails?: Record<string, unknown>;
  now: number;
  /** The rule's window: at most one flag per user and reason within it. */
  windowMs: number;
}

/** Returns the new flag id, or undefined when the user was already flagged (or another process won). */
export async function flagForReview(
  deps: { store: Store; alerter: Alerter },
  f: FlagRequest,
): Promise<number | undefined> {
  const { store, alerter } = deps;
  if (await store.flags.isFlagged(f.userId)) return undefined;
  const claim = await store.rateLimits.hit(`ops:flag:${f.reason}:${opaqueKey(f.userId)}`, f.windowMs, f.now);
  if (claim.count > 1) return undefined;
  const flag = await store.flags.create({
    userId: f.userId,
    reason: f.reason,
    details: f.details,
    now: f.now,
  });
  // The audit row names the flag, not the user: audit rows are immutable and must survive a GDPR erasure.
  await store.audit.append({
    actor: 'ops',
    action: 'flag.created',
    subject: `flag:${flag.id}`,
    details: { reason: f.reason },
    at: f.now,
  });
  alerter.alert({
    rule: 'suspicious_activity',
    key: `${f.reason}:${f.userId}`,
    severity: 'critical',
    title: `Suspicious activity: ${f.summary} — account flagged for review (flag ${flag.id})`,
    details: { flagId: flag.id, reason: f.reason, userId: f.userId, ...f.details, ...f.alertDetails },
  });
  return flag.id;
}
