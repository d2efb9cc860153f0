import { useEffect } from 'react';
import { BillingPage } from '../lib/billing/BillingPage.tsx';
import { PaymentCancel } from '../lib/checkout/PaymentCancel.tsx';
import { PaymentSuccess, successSessionId } from '../lib/checkout/PaymentSuccess.tsx';
import { PaymentsProvider } from '../lib/context/PaymentsProvider.tsx';
import { PricingPage } from '../lib/pricing/PricingPage.tsx';
import { DemoPage } from './DemoPage.tsx';
import { Header } from './Header.tsx';
import { interceptLinkClick, navigate, useLocation } from './router.ts';
import { SignInPage } from './SignInPage.tsx';
import { useSession } from './session.ts';

function Page({
  pathname,
  search,
  onSignedIn,
}: {
  pathname: string;
  search: string;
  onSignedIn: (token: string, name: string) => void;
}) {
  switch (pathname) {
    case '/pricing':
      return <PricingPage />;
    case '/payment/success':
      return <PaymentSuccess sessionId={successSessionId(search)} />;
    case '/payment/cancel':
      return <PaymentCancel />;
    case '/account/billing':
      return <BillingPage />;
    case '/signin':
      return <SignInPage onSignedIn={onSignedIn} />;
    case '/demo':
      return <DemoPage />;
    default:
      return (
        <section className="up-result">
          <h1>Page not found</h1>
          <a className="up-button up-button--primary" href="/pricing">
            See pricing
          </a>
        </section>
      );
  }
}

/** The hosted app: header + one page per path, all inside one PaymentsProvider. */
export function App() {
  const { pathname, search } = useLocation();
  const session = useSession();

  useEffect(() => {
    if (pathname === '/' || pathname === '') navigate('/pricing', { replace: true });
  }, [pathname]);

  const onSignedIn = (token: string, name: string) => {
    session.signIn(token, name);
    const next = new URLSearchParams(search).get('next');
    navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/pricing');
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: delegates native link activation, which is keyboard-operable already
    // biome-ignore lint/a11y/noStaticElementInteractions: same — only <a> clicks are handled
    <div className="app" onClick={interceptLinkClick}>
      <a className="app-skip" href="#main">
        Skip to content
      </a>
      <PaymentsProvider getToken={session.getToken} signInHref="/signin">
        <Header pathname={pathname} token={session.token} onSignOut={session.signOut} />
        <main id="main" className="app-main" tabIndex={-1}>
          <Page pathname={pathname} search={search} onSignedIn={onSignedIn} />
        </main>
      </PaymentsProvider>
      <footer className="app-footer">
        <p>Payments are handled on the provider's secure checkout page. This site never sees your card.</p>
      </footer>
    </div>
  );
}
