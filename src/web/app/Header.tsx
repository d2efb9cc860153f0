import { useReadyConfig } from '../lib/context/hooks.ts';
import { displayName } from './session.ts';

const LINKS = [
  { href: '/pricing', label: 'Pricing' },
  { href: '/account/billing', label: 'Billing' },
  { href: '/demo', label: 'Demo' },
];

export interface HeaderProps {
  pathname: string;
  token: string | null;
  onSignOut: () => void;
  appName?: string;
}

export function Header({ pathname, token, onSignOut, appName = 'UIGen Payments' }: HeaderProps) {
  const config = useReadyConfig();
  const name = displayName(token);
  const testMode = config?.providers.some((p) => p.mode === 'test');
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <a className="app-brand" href="/pricing">
          <span className="app-brand__mark" aria-hidden="true" />
          {appName}
        </a>
        {testMode && <span className="app-test-badge">Test mode</span>}
        <nav aria-label="Main" className="app-nav">
          {LINKS.map((l) => (
            <a key={l.href} href={l.href} aria-current={pathname === l.href ? 'page' : undefined}>
              {l.label}
            </a>
          ))}
        </nav>
        <div className="app-user">
          {name ? (
            <>
              <span className="up-avatar" aria-hidden="true">
                {name.charAt(0).toUpperCase()}
              </span>
              <span className="app-user__name">{name}</span>
              <button
                type="button"
                className="up-button up-button--ghost up-button--small"
                onClick={onSignOut}
                aria-label={`Sign out ${name}`}
              >
                Sign out
              </button>
            </>
          ) : (
            config?.capabilities?.devSignIn && (
              <a className="up-button up-button--secondary up-button--small" href="/signin">
                Sign in
              </a>
            )
          )}
        </div>
      </div>
    </header>
  );
}
