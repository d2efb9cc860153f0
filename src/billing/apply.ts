/**
 * The billing core's entry point: decide what a normalized event means and write it through the
 * transaction's repositories, plus one audit row in the same transaction. Safe to run twice for the same
 * fact: handlers set state from snapshots and record payments keyed by provider id + status.
 */
import { auditUserRef } from '../ops/event-log.ts';
import type { NormalizedEvent } from '../providers/types.ts';
import { maskId, redact } from '../redact.ts';
import type { Repos } from '../store/types.ts';
import { defaultRegistry } from './handlers/index.ts';
import type { HandlerRegistry } from './registry.ts';
import type { ApplyContext, ApplyResult, EventHandler, PreparedEvent } from './types.ts';

const registry = defaultRegistry();

/** Provider reads for `event`, done outside any transaction. Throws (→ retry) when the provider read fails. */
export async function prepareEvent(
  event: NormalizedEvent,
  ctx: Omit<ApplyContext, 'prepared'>,
  reg: HandlerRegistry = registry,
): Promise<PreparedEvent> {
  const handler: EventHandler = reg.for(event);
  return handler.prepare ? handler.prepare(event, ctx) : {};
}

export async function applyEvent(
  tx: Repos,
  event: NormalizedEvent,
  ctx: ApplyContext,
  reg: HandlerRegistry = registry,
): Promise<ApplyResult> {
  const prepared = ctx.prepared ?? (await prepareEvent(event, ctx, reg));
  const result = await reg.for(event).apply(tx, event, { ...ctx, prepared });
  // Unsupported kinds change nothing and would only bury real entries; the inbox row is their record.
  if (result.outcome !== 'ignored') {
    await tx.audit.append({
      actor: `webhook:${event.provider}`,
      action: event.kind,
      // Pseudonymous subject: the chain can never be edited, so it must not hold a user id GDPR erases.
      subject: result.userId ? auditUserRef(result.userId) : (maskId(result.customerId) ?? 'unknown'),
      details: redact({
        eventId: event.eventId,
        type: event.type,
        outcome: result.outcome,
        ...result.details,
      }),
      at: ctx.now,
    });
  }
  return { outcome: result.outcome, userId: result.userId, kind: event.kind };
}
