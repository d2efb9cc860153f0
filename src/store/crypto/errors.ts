import { ConfigError, PaymentsError } from '../../errors.ts';

/**
 * Stored ciphertext could not be opened: flipped bit, truncated tag, unknown key id or a malformed envelope.
 * The message never says which byte or key failed beyond the key id, and no partial plaintext is returned.
 */
export class DecryptError extends PaymentsError {
  constructor(reason: string) {
    super('decrypt_failed', `stored data could not be decrypted (${reason})`, 500);
  }
}

/** A key setting that cannot be used; names the variable and the problem, never the key material. */
export function keyConfigError(variable: string, problem: string): ConfigError {
  return new ConfigError(`${variable}: ${problem}`);
}
