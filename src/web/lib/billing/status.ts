/** How each subscription state reads on the billing page. Pure, so every state is easy to test. */
import type { SubscriptionSummary } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';

export type Tone = 'good' | 'info' | 'warning' | 'danger' | 'muted';

export interface StatusView {
  label: string;
  tone: Tone;
  /** One line about dates: renews / trial ends / ends / ended. */
  detail?: string;
  /** The payment failed or is missing: show the fix-payment call to action. */
  needsPaymentFix: boolean;
  /** The user can still cancel (not already canceled or ending). */
  cancellable: boolean;
}

const FAILED = new Set(['past_due', 'unpaid', 'incomplete']);

export function statusView(sub: SubscriptionSummary, locale?: string): StatusView {
  const at = (s: number | null | undefined) => (s ? formatDate(s, locale) : undefined);
  const periodEnd = at(sub.currentPeriodEnd);
  if (sub.status === 'canceled') {
    return {
      label: 'Canceled',
      tone: 'muted',
      detail: periodEnd && `Ended on ${periodEnd}`,
      needsPaymentFix: false,
      cancellable: false,
    };
  }
  if (sub.cancelAtPeriodEnd) {
    return {
      label: 'Ending',
      tone: 'info',
      detail: periodEnd && `Ends on ${periodEnd}`,
      needsPaymentFix: FAILED.has(sub.status),
      cancellable: false,
    };
  }
  if (sub.status === 'trialing') {
    const end = at(sub.trialEnd ?? sub.currentPeriodEnd);
    return {
      label: 'Trial',
      tone: 'info',
      detail: end && `Trial ends on ${end}`,
      needsPaymentFix: false,
      cancellable: true,
    };
  }
  if (FAILED.has(sub.status)) {
    const label = sub.status === 'past_due' ? 'Past due' : sub.status === 'unpaid' ? 'Unpaid' : 'Incomplete';
    return {
      label,
      tone: 'danger',
      detail: periodEnd && `Payment was due on ${periodEnd}`,
      needsPaymentFix: true,
      cancellable: true,
    };
  }
  return {
    label: 'Active',
    tone: 'good',
    detail: periodEnd && `Renews on ${periodEnd}`,
    needsPaymentFix: false,
    cancellable: true,
  };
}
