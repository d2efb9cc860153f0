/**
 * Secret scrubbing shared by logs, audit-log details and error messages. Two layers: key names that always
 * hold secrets, and value patterns (provider keys, JWTs, card numbers) wherever they appear.
 */
const SECRET_KEY_NAMES =
  /^(authorization|cookie|set-cookie|api[-_]?key|apikey|secret|client[-_]?secret|webhook[-_]?secret|access[-_]?token|refresh[-_]?token|token|password|passwd|signature|stripe-signature|x-square-hmacsha256-signature|x-square-signature|paypal-transmission-sig|webhooksignaturekey|webhooksecret|clientsecret|accesstoken|card|card[-_]?number|cardnumber|number|cvc|cvv|pan|encryption[-_]?keys?|blind[-_]?index[-_]?key|jwt)$/i;

const VALUE_PATTERNS: RegExp[] = [
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{6,}/g, // Stripe keys
  /\bwhsec_[A-Za-z0-9+/=]{6,}/g, // Stripe webhook secrets
  /\bEAAA[A-Za-z0-9_-]{20,}/g, // Square access tokens
  /\bsq0(?:atp|csp|idp)-[A-Za-z0-9_-]{10,}/g, // Square legacy tokens / app secrets
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // JWTs
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\bt=\d{9,},v\d=[a-f0-9]{16,}[^\s"]*/g, // Stripe-Signature header values
];

/**
 * 13–19 digits possibly separated by spaces/dashes, starting with a card network's major industry digit (2–6:
 * Mastercard, Amex/Diners, Visa, Mastercard, Discover/UnionPay), Luhn-valid → masked. The leading-digit rule keeps
 * epoch-millisecond timestamps (which start with 1) from reading as cards; digits touching a '.' are decimals.
 */
const CARD_CANDIDATE = /(?<![\d.])[2-6](?:[ -]?\d){12,18}(?![\d.])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && digits.length <= 19 && sum % 10 === 0;
}

/** True if `text` contains something that looks like a payment card number (Luhn-valid 13–19 digits). */
export function containsCardNumber(text: string): boolean {
  for (const m of text.matchAll(CARD_CANDIDATE)) {
    if (luhnValid(m[0].replace(/[ -]/g, ''))) return true;
  }
  return false;
}

/** Redacts secret-looking substrings and card numbers inside free text. */
export function redactString(s: string): string {
  let out = s;
  for (const re of VALUE_PATTERNS) out = out.replace(re, (m) => `${m.slice(0, Math.min(8, m.indexOf('_') + 1 || 4))}…[redacted]`);
  out = out.replace(CARD_CANDIDATE, (m) => (luhnValid(m.replace(/[ -]/g, '')) ? '[card redacted]' : m));
  return out;
}

/** Deep copy with secret keys replaced and secret-looking values scrubbed. Cycles and depth are bounded. */
export function redact<T>(value: T, depth = 0): T {
  if (depth > 8) return '[depth]' as T;
  if (typeof value === 'string') return redactString(value) as T;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1)) as T;
  if (value && typeof value === 'object') {
    if (Buffer.isBuffer(value)) return `[${value.length} bytes]` as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY_NAMES.test(k) && v !== null && v !== undefined && v !== '' ? '[redacted]' : redact(v, depth + 1);
    }
    return out as T;
  }
  return value;
}

/** `cus_ABC123456` → `cus_…3456`: enough to correlate, not to use. */
export function maskId(id: string | null | undefined): string | undefined {
  if (!id) return undefined;
  const us = id.indexOf('_');
  const prefix = us > 0 && us < 6 ? id.slice(0, us + 1) : '';
  return `${prefix}…${id.slice(-4)}`;
}
