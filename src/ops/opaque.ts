import { createHash } from 'node:crypto';

/**
 * Stable, non-reversible key for counters and claims (rate-limit rows) so those tables never hold a user id or IP
 * in clear — they would otherwise survive a GDPR erasure until they expire.
 */
export function opaqueKey(value: string): string {
  return createHash('sha256').update(`uigen-ops:${value}`).digest('hex').slice(0, 32);
}
