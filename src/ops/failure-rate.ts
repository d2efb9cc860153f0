/**
 * Webhook processing failure rate over a sliding window, from the worker's `webhooksProcessed` counter. Counters
 * are cumulative, so we keep timestamped samples and compare the newest with the oldest inside the window.
 */
import type { Metrics } from './metrics.ts';

export interface RateSample {
  at: number;
  ok: number;
  failed: number;
}

/** Outcomes of `webhooksProcessed` that count as a failed processing attempt. */
const FAILED_OUTCOMES = new Set(['retry', 'dead']);

export async function readProcessed(metrics: Metrics, at: number): Promise<RateSample> {
  const { values } = await metrics.webhooksProcessed.get();
  let ok = 0;
  let failed = 0;
  for (const v of values) {
    if (FAILED_OUTCOMES.has(String(v.labels.outcome))) failed += v.value;
    else ok += v.value;
  }
  return { at, ok, failed };
}

export class FailureRateWindow {
  private samples: RateSample[] = [];
  private readonly windowMs: number;
  /** Below this many attempts in the window the rate is not meaningful (1 failure of 1 is not an incident). */
  private readonly minAttempts: number;
  /** Counters start at zero with the process, so process start is the first baseline. */
  constructor(windowMs: number, minAttempts = 10, startAt = Date.now()) {
    this.windowMs = windowMs;
    this.minAttempts = minAttempts;
    this.samples.push({ at: startAt, ok: 0, failed: 0 });
  }

  /** Adds a sample; returns the failure rate within the window, or undefined when there is too little traffic. */
  push(s: RateSample): { rate: number; attempts: number; failed: number } | undefined {
    this.samples.push(s);
    // Keep one sample at or before the window start as the baseline.
    while (this.samples.length > 2 && this.samples[1].at <= s.at - this.windowMs) this.samples.shift();
    const base = this.samples[0];
    const failed = s.failed - base.failed;
    const attempts = failed + (s.ok - base.ok);
    if (attempts < this.minAttempts) return undefined;
    return { rate: failed / attempts, attempts, failed };
  }
}
