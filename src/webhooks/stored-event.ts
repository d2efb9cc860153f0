/**
 * Rebuilds the adapter's `VerifiedEvent` from an inbox row. The row holds the exact body that passed
 * verification, so parsing it again yields the same event the route saw; no re-verification is needed (the
 * signature's timestamp would be stale by now anyway).
 */
import { PaymentsError } from '../errors.ts';
import type { VerifiedEvent } from '../providers/types.ts';
import type { InboxRow } from '../store/types.ts';

/** Provider event creation time from the payload (Stripe `created` s, PayPal `create_time`, Square `created_at`). */
function createdAt(payload: Record<string, unknown>): number | undefined {
  if (typeof payload.created === 'number') return payload.created * 1000;
  for (const key of ['create_time', 'created_at']) {
    const v = payload[key];
    if (typeof v === 'string') {
      const t = Date.parse(v);
      if (Number.isFinite(t)) return t;
    }
  }
  return undefined;
}

export function toVerifiedEvent(row: InboxRow): VerifiedEvent {
  if (row.payload === '')
    throw new PaymentsError('payload_pruned', 'webhook payload was removed by retention', 410);
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  return {
    provider: row.provider,
    id: row.eventId,
    type: row.type,
    createdAt: createdAt(payload) ?? row.receivedAt,
    payload,
  };
}
