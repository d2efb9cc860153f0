/**
 * Redirect guards. A compromised or misconfigured API must not be able to send a paying user to a look-alike
 * checkout page, and a 402 body must not turn the app into an open redirect.
 */

/** True when `url` is absolute http(s) and its origin is one of `allowed` (exact origin match). */
export function isAllowedRedirect(url: string, allowed: readonly string[] | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  return (allowed ?? []).some((origin) => {
    try {
      return new URL(origin).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}

/**
 * An in-app destination from a server hint (`redirectTo`): same-origin paths only; anything else falls
 * back to `fallback`.
 */
export function safeInternalPath(
  target: string | undefined,
  fallback: string,
  currentOrigin?: string,
): string {
  if (!target) return fallback;
  const origin =
    currentOrigin ?? (typeof window === 'undefined' ? 'http://localhost' : window.location.origin);
  try {
    const parsed = new URL(target, origin);
    if (parsed.origin !== origin) return fallback;
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return fallback;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return fallback;
  }
}
