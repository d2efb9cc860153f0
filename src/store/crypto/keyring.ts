/**
 * Encryption at rest: AES-256-GCM with a random 12-byte IV and a 16-byte tag, one key active for writes and
 * older keys kept for reads. Envelope: `v1:<kid>:<iv b64>:<ciphertext b64>:<tag b64>`, so rotation can tell
 * which rows still need re-encryption without decrypting them.
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomFillSync } from 'node:crypto';
import { DecryptError, keyConfigError } from './errors.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KID = /^[A-Za-z0-9_-]{1,32}$/;
const ENV = 'UIGEN_ENCRYPTION_KEYS';

/**
 * IVs come from the CSPRNG in blocks: one randomFillSync per 256 IVs instead of one call per encryption (a 12-byte
 * randomBytes call cost ~5 µs, a quarter of encrypting a webhook payload). Each IV is copied out and used once;
 * the block is refilled only after every IV in it was handed out.
 */
const IV_POOL = Buffer.alloc(IV_BYTES * 256);
let ivOffset = IV_POOL.length;
function nextIv(): Buffer {
  if (ivOffset >= IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivOffset = 0;
  }
  const iv = Buffer.from(IV_POOL.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
}

/** Strict base64: decoding and re-encoding must give the input back (Buffer.from silently skips junk). */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const buf = Buffer.from(trimmed, 'base64');
  const canonical = buf.toString('base64');
  return canonical === trimmed || canonical.replace(/=+$/, '') === trimmed.replace(/=+$/, '')
    ? buf
    : undefined;
}

/** The parsed key list. Encrypts with the active key, decrypts with any key it holds. */
export interface Keyring {
  readonly activeKid: string;
  readonly kids: readonly string[];
  /** `context` is bound as AAD (e.g. the column name), so a ciphertext moved to another column fails. */
  encrypt(plaintext: string, context: string): string;
  decrypt(envelope: string, context: string): string;
  /** Key id of an envelope without decrypting (rotation uses it to skip rows already current). */
  kidOf(envelope: string): string | undefined;
}

/** Parses `kid:base64,kid:base64` (first active). Refuses short keys, bad base64 and duplicate kids. */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0)
    throw keyConfigError(ENV, 'no keys given (expected kid:base64 of 32 random bytes)');
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const kid = colon > 0 ? entry.slice(0, colon) : '';
    if (!KID.test(kid))
      throw keyConfigError(ENV, `entry ${i + 1} needs the form kid:base64 (kid: letters, digits, _ or -)`);
    if (keys.has(kid)) throw keyConfigError(ENV, `key id '${kid}' appears twice`);
    const key = decodeBase64Strict(entry.slice(colon + 1));
    if (!key) throw keyConfigError(ENV, `key '${kid}' is not valid base64`);
    if (key.length !== KEY_BYTES) {
      throw keyConfigError(
        ENV,
        `key '${kid}' is ${key.length} bytes; AES-256 needs exactly ${KEY_BYTES} random bytes`,
      );
    }
    keys.set(kid, key);
  });
  const kids = [...keys.keys()];
  const activeKid = kids[0];
  const active = createSecretKey(keys.get(activeKid)!);

  return Object.freeze({
    activeKid,
    kids,
    encrypt(plaintext: string, context: string): string {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', active, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, activeKid, iv.toString('base64'), ct.toString('base64'), tag.toString('base64')].join(
        ':',
      );
    },
    decrypt(envelope: string, context: string): string {
      const parts = envelope.split(':');
      if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptError('malformed envelope');
      const [, kid, ivB64, ctB64, tagB64] = parts;
      const key = keys.get(kid);
      if (!key) throw new DecryptError(`unknown key id '${kid.slice(0, 32)}'`);
      const iv = decodeBase64Strict(ivB64);
      const tag = decodeBase64Strict(tagB64);
      const ct = ctB64 === '' ? Buffer.alloc(0) : decodeBase64Strict(ctB64);
      // Node accepts short GCM tags unless told otherwise: a truncated tag must fail, not weaken the check.
      if (!iv || iv.length !== IV_BYTES) throw new DecryptError('bad iv');
      if (!tag || tag.length !== TAG_BYTES) throw new DecryptError('bad tag');
      if (!ct) throw new DecryptError('bad ciphertext');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      } catch {
        throw new DecryptError('authentication failed');
      }
    },
    kidOf(envelope: string): string | undefined {
      const parts = envelope.split(':');
      return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
    },
  });
}
