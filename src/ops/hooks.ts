/**
 * Ops hooks the webhook worker calls after each applied event: the payment event log line, the payment-failed
 * alert + customer notice, and the failed-payments suspicious-activity rule. Runs after the event's transaction
 * committed and never throws back into the worker: an ops problem must not turn into a webhook retry.
 */
import type { Logger } from '../log.ts';
import type { NormalizedEvent } from '../providers/types.ts';
import type { PaymentsConfig } from '../spec/types.ts';
import type { Store } from '../store/types.ts';
import { formatAmount } from './alerts/templates.ts';
import type { Alerter } from './alerts/types.ts';
import { type AppliedOutcome, logPaymentEvent } from './event-log.ts';
import { flagForReview } from './flagging.ts';

export type { AppliedOutcome } from './event-log.ts';

export interface OpsHooksDeps {
  store: Store;
  config: PaymentsConfig;
  alerter: Alerter;
  logger: Logger;
  now?: () => number;
}

export interface OpsHooks {
  /** Never rejects. */
  onApplied(e: NormalizedEvent, r: AppliedOutcome): Promise<void>;
}

type FailedPayment = Extract<NormalizedEvent, { kind: 'payment.failed' }>;

/** Outcomes where nothing new happened (older snapshot, erased customer): no alert, no email. */
const NO_EFFECT = new Set(['stale', 'duplicate', 'ignored', 'erased', 'skipped']);

export function createOpsHooks(deps: OpsHooksDeps): OpsHooks {
  const { store, config, alerter, logger } = deps;
  const now = deps.now ?? Date.now;

  async function resolveUser(e: FailedPayment, r: AppliedOutcome): Promise<string | undefined> {
    if (r.userId) return r.userId;
    return e.customerId ? store.customers.findUserIdByCustomer(e.provider, e.customerId) : undefined;
  }

  async function onPaymentFailed(e: FailedPayment, r: AppliedOutcome): Promise<void> {
    const amount = formatAmount(e.amount, e.currency);
    alerter.alert({
      rule: 'payment_failed',
      key: `${e.provider}:${e.paymentId}`,
      severity: 'warning',
      title: `Payment failed: ${amount} (${e.provider})`,
      details: {
        provider: e.provider,
        paymentId: e.paymentId,
        customerId: e.customerId,
        subscriptionId: e.subscriptionId,
        failureCode: e.failureCode,
      },
    });
    if (e.customerEmail) alerter.notifyCustomer(e.customerEmail, 'payment_failed', { amount });

    const userId = await resolveUser(e, r);
    if (!userId) return;
    const { threshold, windowMinutes } = config.alerts.failedPayments;
    const at = now();
    const windowMs = windowMinutes * 60_000;
    const failed = await store.payments.countFailedSince(userId, at - windowMs);
    if (failed <= threshold) return;
    await flagForReview(
      { store, alerter },
      {
        userId,
        reason: 'failed_payments',
        summary: `${failed} failed payments within ${windowMinutes} minutes`,
        details: { failedPayments: failed, windowMinutes, provider: e.provider },
        now: at,
        windowMs,
      },
    );
  }

  return {
    async onApplied(e, r) {
      try {
        logPaymentEvent(logger, e, r);
        if (e.kind === 'payment.failed' && !NO_EFFECT.has(r.outcome)) await onPaymentFailed(e, r);
      } catch (err) {
        logger.error({ err, eventId: e?.eventId, provider: e?.provider }, 'ops hook failed');
      }
    },
  };
}
