/**
 * The alerter: dedupes alerts (same rule + key within `dedupeMinutes`), fans them out to every sink, and retries
 * each failed delivery with exponential backoff in the background. `alert()` returns at once and never throws, so
 * a dead Slack or SMTP server can never slow down or break webhook processing.
 */
import type { Logger } from '../../log.ts';
import type { AlertsConfig } from '../../spec/types.ts';
import type { Metrics } from '../metrics.ts';
import { renderAlert } from './format.ts';
import { createSinks, isMailSink } from './sinks.ts';
import { renderTemplate } from './templates.ts';
import type { Alert, Alerter, AlertSink, CustomerTemplate } from './types.ts';

export interface AlerterDeps {
  config: AlertsConfig;
  logger: Logger;
  metrics?: Metrics;
  now?: () => number;
  /** Delivery attempts per sink and the first backoff; doubles each time, capped at one minute. */
  retry?: { attempts: number; baseMs: number };
  /** Replaces the sinks built from `config.sinks` (embedding apps with their own channel). */
  sinks?: AlertSink[];
}

/** Deliveries waiting or retrying beyond this are dropped (logged): memory stays bounded during an alert storm. */
const MAX_IN_FLIGHT = 500;
const MAX_BACKOFF_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export function createAlerter(deps: AlerterDeps): Alerter & { close(): void } {
  const { config, logger, metrics } = deps;
  const now = deps.now ?? Date.now;
  const retry = deps.retry ?? { attempts: 8, baseMs: 1000 };
  const sinks = deps.sinks ?? createSinks(config.sinks, logger, now);
  const mail = sinks.find(isMailSink);
  const lastSent = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  const windowMs = config.dedupeMinutes * 60_000;

  function deliver(rule: string, sinkName: string, send: () => Promise<void>): void {
    if (inFlight.size >= MAX_IN_FLIGHT) {
      logger.error({ alert: rule, sink: sinkName }, 'alert dropped: too many deliveries in flight');
      metrics?.alertsSent.inc({ rule, sink: sinkName, outcome: 'dropped' });
      return;
    }
    const p = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await send();
          metrics?.alertsSent.inc({ rule, sink: sinkName, outcome: 'sent' });
          return;
        } catch (err) {
          if (attempt >= retry.attempts) {
            logger.error({ alert: rule, sink: sinkName, attempts: attempt, err }, 'alert delivery failed');
            metrics?.alertsSent.inc({ rule, sink: sinkName, outcome: 'failed' });
            return;
          }
          metrics?.alertsSent.inc({ rule, sink: sinkName, outcome: 'retry' });
          await sleep(Math.min(retry.baseMs * 2 ** (attempt - 1), MAX_BACKOFF_MS));
        }
      }
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  /** True if this rule+key fired within the window; otherwise remembers it. Old keys are pruned lazily. */
  function isDuplicate(id: string, at: number): boolean {
    const prev = lastSent.get(id);
    if (prev !== undefined && at - prev < windowMs) return true;
    lastSent.set(id, at);
    if (lastSent.size > 10_000) {
      for (const [k, t] of lastSent) if (at - t >= windowMs) lastSent.delete(k);
    }
    return false;
  }

  return {
    alert(a: Alert) {
      try {
        const at = now();
        if (isDuplicate(`${a.rule}\u0000${a.key}`, at)) {
          metrics?.alertsSent.inc({ rule: a.rule, sink: 'all', outcome: 'suppressed' });
          return;
        }
        const message = renderAlert(a, at);
        for (const sink of sinks) deliver(a.rule, sink.name, () => sink.send(message));
      } catch (err) {
        logger.error({ alert: a?.rule, err }, 'alert could not be raised');
      }
    },
    notifyCustomer(to: string, template: CustomerTemplate, vars: Record<string, string>) {
      try {
        if (!config.notifyCustomer) return;
        if (!mail) {
          logger.warn({ template }, 'customer notification skipped: no email sink configured');
          return;
        }
        const { subject, text } = renderTemplate(template, vars);
        deliver(`customer_${template}`, mail.name, () => mail.sendMail({ to, subject, text }));
      } catch (err) {
        logger.error({ template, err }, 'customer notification could not be queued');
      }
    },
    async flush() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close() {
      for (const s of sinks) (s as { close?: () => void }).close?.();
    },
  };
}
