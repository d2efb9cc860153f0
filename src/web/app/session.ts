/**
 * The demo app's sign-in state: a bearer token in localStorage (`uigen-pay.token`). Real apps pass their own
 * `getToken` to PaymentsProvider instead.
 */
import { useCallback, useEffect, useState } from 'react';

export const TOKEN_KEY = 'uigen-pay.token';
/** The demo user's display name, remembered at sign-in for the header. */
export const NAME_KEY = 'uigen-pay.user-name';

export function readToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Display name from the token's payload — for the header only, never for a decision (the server verifies). */
export function displayName(token: string | null): string | null {
  if (!token) return null;
  const remembered = window.localStorage.getItem(NAME_KEY);
  if (remembered) return remembered;
  try {
    const part = token.split('.')[1] ?? '';
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as {
      name?: unknown;
      sub?: unknown;
    };
    if (typeof json.name === 'string') return json.name;
    return typeof json.sub === 'string' ? json.sub : 'Signed in';
  } catch {
    return 'Signed in';
  }
}

export interface Session {
  token: string | null;
  getToken: () => string | null;
  signIn: (token: string, name?: string) => void;
  signOut: () => void;
}

export function useSession(): Session {
  const [token, setToken] = useState(readToken);
  useEffect(() => {
    // Another tab signing in or out.
    const onStorage = (e: StorageEvent) => e.key === TOKEN_KEY && setToken(e.newValue);
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  // A new function per token, so PaymentsProvider rebuilds its client and re-reads /me on sign-in/out.
  const getToken = useCallback(() => token, [token]);
  const signIn = useCallback((next: string, name?: string) => {
    window.localStorage.setItem(TOKEN_KEY, next);
    if (name) window.localStorage.setItem(NAME_KEY, name);
    else window.localStorage.removeItem(NAME_KEY);
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    window.localStorage.removeItem(TOKEN_KEY);
    window.localStorage.removeItem(NAME_KEY);
    setToken(null);
  }, []);
  return { token, getToken, signIn, signOut };
}
