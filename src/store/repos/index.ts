import type { RepoContext } from '../context.ts';
import type { Repos } from '../types.ts';
import { createAuditLogRepo } from './audit-log.ts';
import { createCheckoutRepo } from './checkouts.ts';
import { createCustomerRepo } from './customers.ts';
import { createErasureRepo } from './erasures.ts';
import { createFlagRepo } from './flags.ts';
import { createInboxRepo } from './inbox.ts';
import { createPaymentRepo } from './payments.ts';
import { createRateLimitRepo } from './rate-limits.ts';
import { createRetentionRepo, withAuditCheckpoint } from './retention-repo.ts';
import { createSettingsRepo } from './settings.ts';
import { createSubscriptionRepo } from './subscriptions.ts';

/** Every repository bound to one context (the pool, or one transaction's connection). */
export function createRepos(ctx: RepoContext): Repos {
  return {
    inbox: createInboxRepo(ctx),
    customers: createCustomerRepo(ctx),
    subscriptions: createSubscriptionRepo(ctx),
    payments: createPaymentRepo(ctx),
    checkouts: createCheckoutRepo(ctx),
    audit: withAuditCheckpoint(ctx, createAuditLogRepo(ctx)), // ops: verify honours the retention checkpoint (retention-repo.ts)
    flags: createFlagRepo(ctx),
    erasures: createErasureRepo(ctx),
    rateLimits: createRateLimitRepo(ctx),
    settings: createSettingsRepo(ctx),
    retention: createRetentionRepo(ctx), // ops: retention/erasure maintenance (retention-repo.ts)
  };
}
