import { useEffect, useState } from 'react';
import type { ApiError } from '../lib/api/errors.ts';
import type { DevUser } from '../lib/api/types.ts';
import { usePayments, useReadyConfig } from '../lib/context/hooks.ts';
import { ErrorNotice } from '../lib/ui/ErrorNotice.tsx';
import { PanelSkeleton } from '../lib/ui/Skeleton.tsx';

export interface SignInPageProps {
  onSignedIn: (token: string, name: string) => void;
}

/** Demo sign-in: pick a seeded user. Exists only when the server enables `capabilities.devSignIn`. */
export function SignInPage({ onSignedIn }: SignInPageProps) {
  const { client } = usePayments();
  const config = useReadyConfig();
  const enabled = config?.capabilities?.devSignIn === true;
  const [users, setUsers] = useState<DevUser[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    client.get<{ users: DevUser[] }>('/api/dev/users').then(
      (r) => setUsers(r.users),
      (e: ApiError) => setError(e),
    );
  }, [client, enabled]);

  async function pick(user: DevUser) {
    setPending(user.id);
    setError(null);
    try {
      const { token } = await client.post<{ token: string }>('/api/dev/session', { userId: user.id });
      onSignedIn(token, user.name);
    } catch (e) {
      setError(e as ApiError);
      setPending(null);
    }
  }

  if (!config) return <PanelSkeleton />;
  if (!enabled) {
    return (
      <section className="up-result">
        <h1>Sign in</h1>
        <p>Sign in through your application; demo sign-in is turned off on this server.</p>
      </section>
    );
  }
  return (
    <section className="up-signin" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in as a demo user</h1>
      <p>This server runs in development mode: pick a user to try checkout with the local sandbox.</p>
      {error && <ErrorNotice error={error} />}
      {!users && !error && <PanelSkeleton />}
      {users && (
        <ul className="up-user-list">
          {users.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className="up-button up-button--secondary up-user"
                onClick={() => pick(u)}
                disabled={pending !== null}
                aria-busy={pending === u.id}
              >
                <span className="up-avatar" aria-hidden="true">
                  {u.name.charAt(0).toUpperCase()}
                </span>
                Sign in as {u.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
