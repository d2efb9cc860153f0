/**
 * Turns a raised alert into the message every sink sends. Secrets are scrubbed (redact) and identifiers of
 * customers/users are masked, so a Slack channel or mailbox never becomes a copy of the customer table.
 */
import { maskId, redact, redactString } from '../../redact.ts';
import type { Alert, AlertMessage } from './types.ts';

/** Detail keys whose values identify a person or provider customer: shown masked (`cus_…1234`). */
const IDENTIFYING_KEY = /(customer|user)(id)?$|email|^ip$/i;

function maskDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (v === undefined) continue;
    out[k] = IDENTIFYING_KEY.test(k) && typeof v === 'string' ? maskValue(k, v) : v;
  }
  return out;
}

function maskValue(key: string, v: string): string {
  if (/email/i.test(key)) {
    const at = v.indexOf('@');
    return at > 0 ? `${v[0]}…@${v.slice(at + 1)}` : '…';
  }
  return maskId(v) ?? '';
}

export function renderAlert(a: Alert, at: number): AlertMessage {
  const details = redact(maskDetails(a.details ?? {}));
  const title = redactString(a.title);
  const lines = Object.entries(details).map(
    ([k, v]) => `• ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  const text = [`[${a.severity.toUpperCase()}] ${title}`, ...lines].join('\n');
  return { rule: a.rule, severity: a.severity, title, text, details, at };
}
