import { useCallback, useEffect, useState } from 'react';
import { PaymentRequiredError } from '../lib/api/errors.ts';
import { UpgradePrompt } from '../lib/paywall/UpgradePrompt.tsx';
import { useMonetizedFetch } from '../lib/paywall/useMonetizedFetch.ts';
import { PanelSkeleton } from '../lib/ui/Skeleton.tsx';

type View =
  | { kind: 'loading' }
  | { kind: 'ok'; body: unknown }
  | { kind: 'signed_out' }
  | { kind: 'paywalled' }
  | { kind: 'error'; message: string };

/** The example monetized call, `GET /reports/42`: JSON on 200, the upgrade prompt on 402. */
export function DemoPage({ endpoint = '/reports/42' }: { endpoint?: string }) {
  const { fetch, paymentRequired, reset } = useMonetizedFetch();
  const [view, setView] = useState<View>({ kind: 'loading' });

  const load = useCallback(async () => {
    setView({ kind: 'loading' });
    reset();
    try {
      const res = await fetch(endpoint, { headers: { accept: 'application/json' } });
      if (res.status === 401) return setView({ kind: 'signed_out' });
      if (!res.ok) return setView({ kind: 'error', message: `The API answered ${res.status}.` });
      setView({ kind: 'ok', body: await res.json() });
    } catch (e) {
      if (e instanceof PaymentRequiredError) return setView({ kind: 'paywalled' });
      setView({ kind: 'error', message: 'Could not reach the API.' });
    }
  }, [fetch, reset, endpoint]);

  useEffect(() => {
    load();
  }, [load]);

  return (
    <section className="up-demo" aria-labelledby="demo-title">
      <h1 id="demo-title">Monetized API demo</h1>
      <p>
        This page calls <code>GET {endpoint}</code>, an operation marked <code>x-uigen-monetized</code>.
        Without a paid plan the server answers 402; after checkout the same call returns the report.
      </p>
      <div className="up-demo__result" aria-live="polite" aria-busy={view.kind === 'loading'}>
        {view.kind === 'loading' && <PanelSkeleton />}
        {view.kind === 'paywalled' && paymentRequired && (
          <UpgradePrompt message={paymentRequired.message} redirectTo={paymentRequired.redirectTo} />
        )}
        {view.kind === 'signed_out' && (
          <div className="up-panel">
            <h2>Sign in first</h2>
            <p>The report belongs to a signed-in user.</p>
            <a className="up-button up-button--primary" href="/signin">
              Sign in
            </a>
          </div>
        )}
        {view.kind === 'ok' && (
          <div className="up-panel">
            <h2>Report</h2>
            <pre className="up-json">{JSON.stringify(view.body, null, 2)}</pre>
          </div>
        )}
        {view.kind === 'error' && (
          <p className="up-error" role="alert">
            {view.message}
          </p>
        )}
      </div>
      <button type="button" className="up-button up-button--secondary" onClick={load}>
        Call the API again
      </button>
    </section>
  );
}
