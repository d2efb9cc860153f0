import { usePaymentStatus, usePayments, usePaymentsConfig } from '../context/hooks.ts';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { CardSkeleton } from '../ui/Skeleton.tsx';
import { PricingTable } from './PricingTable.tsx';

export interface PricingPageProps {
  /** Where "Contact us" goes for 'custom' prices. */
  contactHref?: string;
}

/** The whole pricing page from `/api/payments/config`: title, toggle, cards, current plan from `/me`. */
export function PricingPage({ contactHref }: PricingPageProps) {
  const configState = usePaymentsConfig();
  const { locale } = usePayments();
  const { state } = usePaymentStatus();
  const page = configState.status === 'ready' ? configState.config.pricingPage : undefined;

  return (
    <section
      className="up-pricing"
      aria-labelledby="up-pricing-title"
      aria-busy={configState.status === 'loading'}
    >
      <header className="up-pricing__header">
        <h1 id="up-pricing-title">{page?.title ?? 'Pricing'}</h1>
        <p className="up-pricing__subtitle">{page?.subtitle ?? 'Simple plans. Cancel any time.'}</p>
      </header>
      {configState.status === 'loading' && (
        <div className="up-card-grid" role="status" aria-label="Loading plans">
          <CardSkeleton />
          <CardSkeleton />
          <CardSkeleton />
        </div>
      )}
      {configState.status === 'error' && <ErrorNotice error={configState.error} />}
      {configState.status === 'ready' && !configState.config.pricingPage.enabled && (
        <p className="up-empty">Pricing is not available right now.</p>
      )}
      {configState.status === 'ready' && configState.config.pricingPage.enabled && (
        <PricingTable
          products={configState.config.products}
          paymentStatus={state.me}
          contactHref={contactHref}
          locale={locale}
        />
      )}
    </section>
  );
}
