import { randomBytes } from 'node:crypto';

/** Fresh keys for `dev`, `init` and tests: kid "k1" + 32 random bytes, and a 32-byte blind index key. */
export function generateDevKeys(): { encryptionKeys: string; blindIndexKey: string } {
  return { encryptionKeys: generateKeyEntry('k1'), blindIndexKey: randomBytes(32).toString('base64') };
}

/** One `kid:base64` entry, for `uigen-pay keys generate`. */
export function generateKeyEntry(kid: string): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}
