import type { ReactNode } from 'react';
import { useRedirectAction } from '../checkout/useRedirectAction.ts';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';

/** Opens the provider's hosted billing portal (card updates, invoices). Render only when the provider has one. */
export function PortalButton({ children, primary }: { children: ReactNode; primary?: boolean }) {
  const { run, pending, error } = useRedirectAction('/api/payments/portal', () => ({}));
  return (
    <div className="up-payment-button">
      <button
        type="button"
        className={`up-button ${primary ? 'up-button--primary' : 'up-button--secondary'}`}
        onClick={run}
        disabled={pending}
        aria-busy={pending}
      >
        {pending ? 'Opening…' : children}
      </button>
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
