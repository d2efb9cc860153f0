import type { ApiError } from '../api/errors.ts';
import { usePayments } from '../context/hooks.ts';

/** Text for an API error as a user should read it (429 → a countdown hint, 401 → sign in). */
export function errorText(error: ApiError): string {
  if (error.status === 429) {
    return error.retryAfterSeconds !== undefined
      ? `Too many attempts. Please try again in ${error.retryAfterSeconds} s.`
      : error.message;
  }
  return error.message;
}

/** An inline, announced error with the server's (user-safe) message. */
export function ErrorNotice({ error }: { error: ApiError }) {
  const { signInHref } = usePayments();
  return (
    <p className="up-error" role="alert">
      {errorText(error)}
      {error.status === 401 && signInHref && (
        <>
          {' '}
          <a href={signInHref}>Sign in</a>
        </>
      )}
    </p>
  );
}
