import { createHmac, randomBytes } from 'node:crypto';

/**
 * The pseudonym that replaces an erased user's id on the payment records kept for legal reasons:
 * `erased:` + HMAC-SHA256(key, user id). With the deployment's blind-index key it is stable (all of one
 * person's records stay linked for an auditor) yet not reversible or guessable without the key; with no key a
 * random one is used, which makes the pseudonym anonymous.
 */
export function erasurePseudonym(userId: string, key?: string | Uint8Array): string {
  const k =
    key === undefined || key === ''
      ? randomBytes(32)
      : typeof key === 'string'
        ? Buffer.from(key, 'base64')
        : key;
  return `erased:${createHmac('sha256', k).update(`gdpr-erasure\u0000${userId}`).digest('hex').slice(0, 40)}`;
}
