/**
 * The demo app's sign-in state: a bearer token in localStorage (`uigen-pay.token`). Real apps pass their own
 * `getToken` to PaymentsProvider instead.
 */
import { useCallback, useEffect, useState } from 'react';

export const TOKEN_KEY = 'uigen-pay.token';

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
  signIn: (token: string) => void;
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
  const signIn = useCallback((next: string) => {
    window.localStorage.setItem(TOKEN_KEY, next);
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    window.localStorage.removeItem(TOKEN_KEY);
    setToken(null);
  }, []);
  return { token, getToken, signIn, signOut };
}
