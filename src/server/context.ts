/** What every route module receives. Built once by `createApp`; nothing here reads the environment. */
import type { FastifyRequest } from 'fastify';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { PaymentProvider } from '../providers/types.ts';
import type { PaymentsConfig, ProviderName } from '../spec/types.ts';
import type { Store } from '../store/types.ts';
import type { Authenticate } from './auth.ts';
import type { RateLimiter } from './rate-limit.ts';

/** Ops hooks the server calls (alerts, velocity checks); all optional so the server runs without them. */
export interface CheckoutGuard {
  /** Throws a PaymentsError when this user/IP may not start a checkout now (paused, flagged). */
  check(userId: string, ip: string): Promise<void>;
}

export interface ServerContext {
  config: PaymentsConfig;
  store: Store;
  providers: Map<ProviderName, PaymentProvider>;
  logger: Logger;
  metrics: Metrics;
  authenticate: Authenticate;
  rateLimiter: RateLimiter;
  checkoutGuard?: CheckoutGuard;
  now: () => number;
  /** Verifies the bearer token and returns the caller's user id (401 otherwise). */
  requireUser(request: FastifyRequest): Promise<string>;
  /** Appends an audit-log row for a user/admin action and writes one structured log line. */
  recordAction(request: FastifyRequest, action: string, subject: string, details?: Record<string, unknown>): Promise<void>;
}
