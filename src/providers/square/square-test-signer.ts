/**
 * Test signer for Square webhooks (fixtures, the sandbox emulator and `uigen-pay webhooks send`). Same
 * algorithm as square-verify.ts: base64 HMAC-SHA256 over notification URL + body.
 */
import { squareSignature } from './square-verify.ts';

/** Returns the `x-square-hmacsha256-signature` header value for `body` posted to `url`. */
export function signSquarePayload(body: string | Buffer, url: string, key: string): string {
  return squareSignature(body, url, key).toString('base64');
}
