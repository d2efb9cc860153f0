/**
 * The short, secret-free code stored as an inbox row's `lastError` and used in logs: our typed error's
 * `code`, a driver's symbolic code, or a generic class — never a message, which may carry payload data.
 */
import { PaymentsError } from '../errors.ts';

const SYMBOLIC = /^[A-Za-z][A-Za-z0-9_.-]{0,47}$/;

export function errorCode(err: unknown): string {
  if (err instanceof PaymentsError) return err.code;
  if (err instanceof SyntaxError) return 'malformed_payload';
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SYMBOLIC.test(code)) return code;
  return 'handler_error';
}
