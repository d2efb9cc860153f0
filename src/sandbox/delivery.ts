/**
 * Webhook delivery like a real provider: one sender, signed per attempt, retried with exponential backoff on
 * anything but 2xx, plus failure injection (duplicates, reordering, delay) to prove the app copes.
 */
import type { Logger } from '../log.ts';
import { maskId } from '../redact.ts';
import type { FailureInjection, WebhookDelivery } from './types.ts';

export interface RetryPolicy {
  /** Attempts in total, first one included. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 250, maxMs: 30_000 };
/** With `reorder`, deliveries are held this long so there is a batch to shuffle. */
const REORDER_WINDOW_MS = 40;
const ATTEMPT_TIMEOUT_MS = 10_000;

/** One row of `/_sandbox/deliveries`. */
export interface DeliveryRecord {
  seq: number;
  provider: WebhookDelivery['provider'];
  eventId: string;
  type?: string;
  url: string;
  /** This copy was injected by `duplicateRate`. */
  duplicate: boolean;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatusCode?: number;
  /** Epoch ms of the successful attempt. */
  deliveredAt?: number;
}

interface Pending {
  record: DeliveryRecord;
  delivery: WebhookDelivery;
  dueAt: number;
}

export interface DeliveryQueue {
  enqueue(d: WebhookDelivery): void;
  list(): DeliveryRecord[];
  /** Resolves once nothing is pending or in flight. */
  idle(): Promise<void>;
  close(): void;
}

export function createDeliveryQueue(opts: {
  failures: FailureInjection;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  logger: Logger;
}): DeliveryQueue {
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const random = opts.random ?? Math.random;
  const { failures, logger } = opts;
  const records: DeliveryRecord[] = [];
  let pending: Pending[] = [];
  let busy = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];
  let seq = 0;
  const shutdown = new AbortController();

  const settleIdle = () => {
    if (pending.length === 0 && !busy) {
      for (const w of idleWaiters) w();
      idleWaiters = [];
    }
  };

  const schedule = () => {
    if (closed || busy || pending.length === 0) return settleIdle();
    const next = Math.min(...pending.map((p) => p.dueAt));
    clearTimeout(timer);
    timer = setTimeout(pump, Math.max(0, next - Date.now()));
  };

  function pick(): Pending | undefined {
    const now = Date.now();
    const due = pending.filter((p) => p.dueAt <= now);
    if (due.length === 0) return undefined;
    // Natural order is enqueue order; reorder picks any due delivery instead.
    const chosen = failures.reorder
      ? due[Math.floor(random() * due.length)]
      : due.reduce((a, b) => (b.record.seq < a.record.seq ? b : a));
    pending = pending.filter((p) => p !== chosen);
    return chosen;
  }

  async function attempt(p: Pending): Promise<void> {
    const { delivery, record } = p;
    record.attempts++;
    let status = 0;
    try {
      const headers = { ...delivery.headers, ...delivery.sign?.(delivery.body) };
      const res = await fetch(delivery.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        redirect: 'manual',
        // Closing the sandbox aborts an in-flight attempt instead of waiting out a slow receiver.
        signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), shutdown.signal]),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      status = 0; // connection refused / timeout: the receiver is down, retry like any failure
    }
    record.lastStatusCode = status || undefined;
    if (status >= 200 && status < 300) {
      record.status = 'delivered';
      record.deliveredAt = Date.now();
      return;
    }
    if (record.attempts >= retry.maxAttempts || closed) {
      record.status = 'failed';
      logger.warn(
        { event: maskId(record.eventId), attempts: record.attempts, status },
        'sandbox webhook delivery gave up',
      );
      return;
    }
    const backoff = Math.min(retry.maxMs, retry.baseMs * 2 ** (record.attempts - 1));
    pending.push({ ...p, dueAt: Date.now() + backoff });
  }

  async function pump(): Promise<void> {
    if (busy || closed) return;
    const p = pick();
    if (!p) return schedule();
    busy = true;
    try {
      await attempt(p);
    } finally {
      busy = false;
      schedule();
    }
  }

  function push(delivery: WebhookDelivery, duplicate: boolean): void {
    const record: DeliveryRecord = {
      seq: ++seq,
      provider: delivery.provider,
      eventId: delivery.eventId,
      type: delivery.type,
      url: delivery.url,
      duplicate,
      attempts: 0,
      status: 'pending',
    };
    records.push(record);
    const hold = failures.reorder ? REORDER_WINDOW_MS : 0;
    pending.push({ record, delivery, dueAt: Date.now() + Math.max(0, failures.delayMs) + hold });
  }

  return {
    enqueue(delivery) {
      if (closed) return;
      push(delivery, false);
      if (failures.duplicateRate > 0 && random() < failures.duplicateRate) push(delivery, true);
      schedule();
    },
    list: () => records.map((r) => ({ ...r })),
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
    close() {
      closed = true;
      shutdown.abort();
      clearTimeout(timer);
      pending = [];
      for (const w of idleWaiters) w();
      idleWaiters = [];
    },
  };
}
