import type { PaymentStatus, PublicConfig } from '../api/types.ts';
import { usePaymentStatus, usePayments, usePaymentsConfig } from '../context/hooks.ts';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { PanelSkeleton } from '../ui/Skeleton.tsx';
import { SubscriptionPanel } from './SubscriptionPanel.tsx';

export interface BillingPageProps {
  pricingHref?: string;
}

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  american_express: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  diners: 'Diners Club',
  unionpay: 'UnionPay',
};

export function brandName(brand: string): string {
  return BRANDS[brand.toLowerCase()] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}

function Subscriptions({
  me,
  config,
  pricingHref,
  onChanged,
}: {
  me: PaymentStatus;
  config: PublicConfig;
  pricingHref: string;
  onChanged: () => void;
}) {
  // Live subscriptions first; ended ones stay visible for context.
  const subs = [...me.subscriptions].sort(
    (a, b) => Number(a.status === 'canceled') - Number(b.status === 'canceled'),
  );
  const live = subs.some((s) => s.status !== 'canceled');
  return (
    <>
      {!live && (
        <div className="up-panel up-empty">
          <h2>No active subscription</h2>
          <p>You are on the free plan.</p>
          <a className="up-button up-button--primary" href={pricingHref}>
            See plans
          </a>
        </div>
      )}
      {subs.map((sub) => (
        <SubscriptionPanel key={sub.id} subscription={sub} config={config} onChanged={onChanged} />
      ))}
      <section className="up-panel" aria-labelledby="up-payment-method">
        <h2 id="up-payment-method">Payment method</h2>
        {me.paymentMethod ? (
          <p className="up-card-line">
            <span className="up-card-brand">{brandName(me.paymentMethod.brand)}</span> ending in{' '}
            <span className="up-card-last4">{me.paymentMethod.last4}</span>
          </p>
        ) : (
          <p>No card on file.</p>
        )}
      </section>
    </>
  );
}

/** The signed-in user's billing: subscriptions with their states and actions, and the card on file. */
export function BillingPage({ pricingHref = '/pricing' }: BillingPageProps) {
  const configState = usePaymentsConfig();
  const { signInHref } = usePayments();
  const { state, refresh } = usePaymentStatus();
  const loading = configState.status === 'loading' || state.status === 'loading';

  return (
    <section className="up-billing" aria-labelledby="up-billing-title" aria-busy={loading}>
      <h1 id="up-billing-title">Billing</h1>
      {loading && <PanelSkeleton />}
      {configState.status === 'error' && <ErrorNotice error={configState.error} />}
      {state.status === 'error' && <ErrorNotice error={state.error} />}
      {state.status === 'signed_out' && (
        <div className="up-panel up-empty">
          <h2>Sign in to see your billing</h2>
          {signInHref && (
            <a className="up-button up-button--primary" href={signInHref}>
              Sign in
            </a>
          )}
        </div>
      )}
      {state.status === 'ready' && configState.status === 'ready' && (
        <Subscriptions
          me={state.me}
          config={configState.config}
          pricingHref={pricingHref}
          onChanged={refresh}
        />
      )}
    </section>
  );
}
