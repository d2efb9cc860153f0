/**
 * Starts a provider-hosted checkout: POST /api/payments/checkout, then leaves for the returned URL — but only
 * when its origin is one of `config.checkoutOrigins`. There is no card field anywhere in this package.
 */
import type { ReactNode } from 'react';
import type { ProviderName } from '../api/types.ts';
import { usePaymentsConfig } from '../context/hooks.ts';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { useRedirectAction } from './useRedirectAction.ts';

export interface PaymentButtonProps {
  productId: string;
  provider?: ProviderName;
  children?: ReactNode;
  /** Accessible name when the label alone is ambiguous (several "Subscribe" buttons on one page). */
  'aria-label'?: string;
  className?: string;
  disabled?: boolean;
}

export function PaymentButton(props: PaymentButtonProps) {
  const ready = usePaymentsConfig().status === 'ready';
  const { run, pending, error } = useRedirectAction('/api/payments/checkout', () =>
    props.provider
      ? { productId: props.productId, provider: props.provider }
      : { productId: props.productId },
  );
  return (
    <div className="up-payment-button">
      <button
        type="button"
        className={props.className ?? 'up-button up-button--primary'}
        onClick={run}
        disabled={props.disabled || pending || !ready}
        aria-busy={pending}
        aria-label={props['aria-label']}
      >
        {pending ? (
          <>
            <span className="up-spinner" aria-hidden="true" /> Redirecting…
          </>
        ) : (
          (props.children ?? 'Subscribe')
        )}
      </button>
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
