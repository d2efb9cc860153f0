/** Finds provider secrets in a text, with 1-based line numbers and redacted evidence. */
import {
  describeSecret,
  isPlaceholder,
  PAYPAL_CLIENT_ID,
  PAYPAL_PAIR_DISTANCE,
  PAYPAL_SECRET,
  PREFILTER,
  PRIVATE_KEY_HEADER,
  pemBodyFollows,
  redactSecret,
  SCAN_PATTERNS,
} from './patterns.ts';

export interface SecretHit {
  patternId: string;
  label: string;
  line: number;
  /** Redacted value, safe to print. */
  redacted: string;
  verdict: 'fail' | 'warn';
}

/** Lines carrying this marker are skipped (a deliberate, reviewed exception). */
export const ALLOW_MARKER = 'uigen-audit:allow';

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function paypalHits(lines: string[]): SecretHit[] {
  const hits: SecretHit[] = [];
  lines.forEach((text, i) => {
    const secret = PAYPAL_SECRET.exec(text);
    if (!secret || isPlaceholder(secret[1]) || text.includes(ALLOW_MARKER)) return;
    const near = lines.slice(Math.max(0, i - PAYPAL_PAIR_DISTANCE), i + PAYPAL_PAIR_DISTANCE + 1);
    const id = near.map((l) => PAYPAL_CLIENT_ID.exec(l)).find((m) => m && !isPlaceholder(m[1]));
    if (!id) return;
    hits.push({
      patternId: 'paypal-client-secret',
      label: 'PayPal client secret (next to a client id)',
      line: i + 1,
      redacted: redactSecret('', secret[1]),
      verdict: 'fail',
    });
  });
  return hits;
}

export function scanSecrets(text: string): SecretHit[] {
  if (!PREFILTER.test(text)) return [];
  // Line tables are built only once a candidate matched: most files have none.
  let starts: number[] | undefined;
  let lines: string[] | undefined;
  const getLines = () => {
    lines ??= text.split('\n');
    return lines;
  };
  const line = (offset: number) => {
    starts ??= lineStarts(text);
    return lineAt(starts, offset);
  };
  const allowed = (n: number) => getLines()[n - 1]?.includes(ALLOW_MARKER) ?? false;
  const hits: SecretHit[] = [];
  for (const p of SCAN_PATTERNS) {
    for (const m of text.matchAll(p.re)) {
      const { label, prefix, testMode } = describeSecret(m[0]);
      const body = m[0].slice(prefix.length);
      if (isPlaceholder(body)) continue;
      const n = line(m.index ?? 0);
      if (allowed(n)) continue;
      // A committed test-mode key cannot move money: warn, not fail.
      hits.push({
        patternId: p.id,
        label,
        line: n,
        redacted: redactSecret(prefix, body),
        verdict: testMode ? 'warn' : 'fail',
      });
    }
  }
  for (const m of text.matchAll(PRIVATE_KEY_HEADER)) {
    const end = (m.index ?? 0) + m[0].length;
    if (!pemBodyFollows(text, end)) continue;
    const n = line(m.index ?? 0);
    if (allowed(n)) continue;
    hits.push({
      patternId: 'private-key',
      label: 'private key',
      line: n,
      redacted: `-----BEGIN ${m[1]}PRIVATE KEY----- (key material redacted)`,
      verdict: 'fail',
    });
  }
  if (/client.?secret/i.test(text)) hits.push(...paypalHits(getLines()));
  return hits.sort((a, b) => a.line - b.line);
}
