import { useState } from 'react';
import { ApiError } from '../api/errors.ts';
import type { Product, PublicConfig, SubscriptionSummary } from '../api/types.ts';
import { usePayments } from '../context/hooks.ts';
import { formatDate } from '../format/dates.ts';
import { CancelDialog } from './CancelDialog.tsx';
import { PortalButton } from './PortalButton.tsx';
import { statusView } from './status.ts';

export interface SubscriptionPanelProps {
  subscription: SubscriptionSummary;
  config: PublicConfig;
  /** Called after a successful cancel so the page re-reads `/me`. */
  onChanged: () => void;
}

function planName(products: readonly Product[], sub: SubscriptionSummary): string {
  return products.find((p) => p.id === sub.productId)?.name ?? sub.plan;
}

/** One subscription: plan, status, dates, fix-payment, cancel, portal. */
export function SubscriptionPanel({ subscription: sub, config, onChanged }: SubscriptionPanelProps) {
  const { client, locale } = usePayments();
  const view = statusView(sub, locale);
  const name = planName(config.products, sub);
  const portal = config.capabilities?.portal?.[sub.provider] === true;
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function cancel() {
    setPending(true);
    setError(null);
    try {
      await client.post(`/api/payments/subscriptions/${encodeURIComponent(sub.id)}/cancel`);
      setConfirming(false);
      onChanged();
    } catch (e) {
      setError(
        e instanceof ApiError ? e : new ApiError(0, 'unexpected', 'Could not cancel. Please try again.'),
      );
    } finally {
      setPending(false);
    }
  }

  const until = sub.currentPeriodEnd ? formatDate(sub.currentPeriodEnd, locale) : undefined;
  return (
    <article className="up-panel" aria-labelledby={`sub-${sub.id}`} data-subscription-id={sub.id}>
      <div className="up-panel__head">
        <h2 id={`sub-${sub.id}`}>{name}</h2>
        <span className={`up-badge up-badge--${view.tone}`}>{view.label}</span>
      </div>
      {view.detail && <p className="up-panel__detail">{view.detail}</p>}
      {view.needsPaymentFix && (
        <div className="up-callout up-callout--danger" role="alert">
          <p>
            <strong>Your last payment failed.</strong> Update your payment method to keep {name}.
          </p>
          {portal ? (
            <PortalButton primary>Fix payment</PortalButton>
          ) : (
            <p>Update the card you use with {sub.provider} to retry the payment.</p>
          )}
        </div>
      )}
      <div className="up-actions">
        {portal && !view.needsPaymentFix && <PortalButton>Manage in portal</PortalButton>}
        {view.cancellable && (
          <button type="button" className="up-button up-button--ghost" onClick={() => setConfirming(true)}>
            Cancel subscription
          </button>
        )}
      </div>
      {confirming && (
        <CancelDialog
          planName={name}
          consequence={
            until
              ? `You keep ${name} until ${until}. It will not renew after that.`
              : `${name} will stop renewing.`
          }
          pending={pending}
          error={error}
          onConfirm={cancel}
          onClose={() => {
            setConfirming(false);
            setError(null);
          }}
        />
      )}
    </article>
  );
}
