/**
 * Blind index: HMAC-SHA256 of a value under its own key, so "find the user for this provider customer id"
 * is an equality lookup without storing or decrypting the id. A different key from the encryption keys,
 * so a leaked index key does not open ciphertexts.
 */
import { createHmac } from 'node:crypto';
import { keyConfigError } from './errors.ts';
import { decodeBase64Strict } from './keyring.ts';

export interface BlindIndex {
  /** Hex HMAC of `parts` joined unambiguously (each part length-prefixed). */
  of(...parts: string[]): string;
}

export function createBlindIndex(keyB64: string): BlindIndex {
  const key = decodeBase64Strict(keyB64);
  if (!key) throw keyConfigError('UIGEN_BLIND_INDEX_KEY', 'not valid base64');
  if (key.length < 32)
    throw keyConfigError('UIGEN_BLIND_INDEX_KEY', `is ${key.length} bytes; needs at least 32 random bytes`);
  return Object.freeze({
    of(...parts: string[]): string {
      const h = createHmac('sha256', key);
      for (const p of parts) h.update(`${Buffer.byteLength(p, 'utf8')}:${p};`);
      return h.digest('hex');
    },
  });
}
