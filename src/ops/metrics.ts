/**
 * Prometheus metrics (prom-client). One `Metrics` object per app instance, with its own registry so tests and
 * several apps in one process never collide. Label values are bounded (provider, normalized kind, outcome).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  webhooksReceived: Counter<'provider'>;
  webhooksVerified: Counter<'provider'>;
  /** reason: signature | too_large | content_type | store_unavailable | malformed */
  webhooksRejected: Counter<'provider' | 'reason'>;
  webhooksDuplicate: Counter<'provider'>;
  /** outcome: done | retry | deferred (waiting for its customer mapping; not a failure) | dead */
  webhooksProcessed: Counter<'provider' | 'kind' | 'outcome'>;
  processingDuration: Histogram<'provider'>;
  inboxDepth: Gauge<'status'>;
  deadLetters: Gauge;
  checkoutSessionsCreated: Counter<'provider'>;
  rateLimitRejections: Counter<'route'>;
  alertsSent: Counter<'rule' | 'sink' | 'outcome'>;
  gateDecisions: Counter<'decision'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });
  const r = [registry];
  return {
    registry,
    webhooksReceived: new Counter({
      name: 'uigen_webhooks_received_total',
      help: 'Webhook requests received',
      labelNames: ['provider'],
      registers: r,
    }),
    webhooksVerified: new Counter({
      name: 'uigen_webhooks_verified_total',
      help: 'Webhooks with a valid signature',
      labelNames: ['provider'],
      registers: r,
    }),
    webhooksRejected: new Counter({
      name: 'uigen_webhooks_rejected_total',
      help: 'Webhooks rejected',
      labelNames: ['provider', 'reason'],
      registers: r,
    }),
    webhooksDuplicate: new Counter({
      name: 'uigen_webhooks_duplicate_total',
      help: 'Verified webhooks already in the inbox',
      labelNames: ['provider'],
      registers: r,
    }),
    webhooksProcessed: new Counter({
      name: 'uigen_webhooks_processed_total',
      help: 'Inbox rows processed by the worker',
      labelNames: ['provider', 'kind', 'outcome'],
      registers: r,
    }),
    processingDuration: new Histogram({
      name: 'uigen_webhook_processing_seconds',
      help: 'Time to apply one event',
      labelNames: ['provider'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: r,
    }),
    inboxDepth: new Gauge({
      name: 'uigen_inbox_depth',
      help: 'Inbox rows by status',
      labelNames: ['status'],
      registers: r,
    }),
    deadLetters: new Gauge({
      name: 'uigen_dead_letters',
      help: 'Dead-lettered webhook events',
      registers: r,
    }),
    checkoutSessionsCreated: new Counter({
      name: 'uigen_checkout_sessions_created_total',
      help: 'Checkout sessions created',
      labelNames: ['provider'],
      registers: r,
    }),
    rateLimitRejections: new Counter({
      name: 'uigen_rate_limit_rejections_total',
      help: 'Requests answered 429',
      labelNames: ['route'],
      registers: r,
    }),
    alertsSent: new Counter({
      name: 'uigen_alerts_total',
      help: 'Alerts by rule, sink and outcome',
      labelNames: ['rule', 'sink', 'outcome'],
      registers: r,
    }),
    gateDecisions: new Counter({
      name: 'uigen_gate_decisions_total',
      help: 'Gate proxy decisions',
      labelNames: ['decision'],
      registers: r,
    }),
  };
}
