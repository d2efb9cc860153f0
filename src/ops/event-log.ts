/**
 * Payment event logging: one structured line per normalized event and per user/admin action, with customer and
 * user ids masked. Amount, currency and provider ids are kept: they are what an on-call engineer searches for.
 */
import type { Logger } from '../log.ts';
import type { NormalizedEvent } from '../providers/types.ts';
import { maskId } from '../redact.ts';
import type { Store } from '../store/types.ts';
import { opaqueKey } from './opaque.ts';

/** What the worker reports after applying an event (structural copy of billing's ApplyResult). */
export interface AppliedOutcome {
  outcome: string;
  userId?: string;
  kind: string;
}

export function logPaymentEvent(
  logger: Logger,
  e: NormalizedEvent,
  r: AppliedOutcome,
  requestId?: string,
): void {
  const fields: Record<string, unknown> = {
    event: e.kind,
    provider: e.provider,
    eventId: e.eventId,
    type: e.type,
    outcome: r.outcome,
    user: maskId(r.userId),
    requestId,
  };
  if ('customerId' in e) fields.customer = maskId(e.customerId);
  if ('amount' in e) fields.amount = e.amount;
  if ('currency' in e) fields.currency = e.currency;
  if ('paymentId' in e) fields.paymentId = e.paymentId;
  if ('subscriptionId' in e) fields.subscriptionId = e.subscriptionId;
  if ('failureCode' in e) fields.failureCode = e.failureCode;
  if (e.kind.startsWith('subscription.') && 'subscription' in e) {
    fields.subscriptionId = e.subscription.id;
    fields.status = e.subscription.status;
    fields.customer = maskId(e.subscription.customerId);
  }
  logger[e.kind === 'payment.failed' ? 'warn' : 'info'](fields, 'payment event');
}

export interface PaymentAction {
  /** e.g. checkout.created, subscription.cancel_requested, portal.opened, flag.cleared. */
  action: string;
  /** The acting user, if a user acted. Masked in the log; stored only as an opaque reference in the audit row. */
  userId?: string;
  /** Admin/system actor (`cli`, `ops`, an operator name); defaults to the user reference. */
  actor?: string;
  /** What the action is about, as stored in the audit row (a provider/session/flag id; never a user id or card data). */
  subject: string;
  provider?: string;
  requestId?: string;
  details?: Record<string, unknown>;
  at: number;
}

/** How an audit row refers to a user: immutable audit rows must not keep the id in clear after a GDPR erasure. */
export function auditUserRef(userId: string): string {
  return `user:${opaqueKey(userId)}`;
}

/** One log line + one audit row for a checkout/cancel/portal/admin action (the server and CLI call this). */
export async function recordPaymentAction(
  deps: { store: Store; logger: Logger },
  a: PaymentAction,
): Promise<void> {
  const userRef = a.userId ? auditUserRef(a.userId) : undefined;
  deps.logger.info(
    {
      action: a.action,
      user: maskId(a.userId),
      actor: a.actor,
      subject: a.subject,
      provider: a.provider,
      requestId: a.requestId,
      ...a.details,
    },
    'payment action',
  );
  await deps.store.audit.append({
    actor: a.actor ?? userRef ?? 'system',
    action: a.action,
    subject: a.subject,
    details: { provider: a.provider, requestId: a.requestId, user: userRef, ...a.details },
    at: a.at,
  });
}
