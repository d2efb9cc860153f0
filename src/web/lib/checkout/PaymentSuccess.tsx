import { useEffect, useState } from 'react';
import type { Product } from '../api/types.ts';
import { usePayments, useReadyConfig } from '../context/hooks.ts';
import { PanelSkeleton } from '../ui/Skeleton.tsx';
import { type SuccessState, verifyCheckout } from './verifyCheckout.ts';

export interface PaymentSuccessProps {
  /** Defaults to the `session_id` query parameter the provider appends to the success URL. */
  sessionId?: string | null;
  /** `/me` polls while the webhook lands (bounded). */
  maxPolls?: number;
  pollIntervalMs?: number;
  billingHref?: string;
  pricingHref?: string;
}

function sessionIdFromUrl(): string | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get('session_id');
}

function productName(products: readonly Product[] | undefined, id: string): string {
  return products?.find((p) => p.id === id)?.name ?? 'your';
}

/**
 * The page the provider sends the buyer back to. It says nothing until the server confirms that this
 * signed-in user's session completed; a guessed or foreign session id gets a neutral answer, never "Thanks".
 */
export function PaymentSuccess(props: PaymentSuccessProps) {
  const { client, refreshPaymentStatus, signInHref } = usePayments();
  const config = useReadyConfig();
  const [state, setState] = useState<SuccessState>({ kind: 'verifying' });
  const sessionId = props.sessionId === undefined ? sessionIdFromUrl() : props.sessionId;
  const billingHref = props.billingHref ?? '/account/billing';
  const pricingHref = props.pricingHref ?? '/pricing';

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'verifying' });
    verifyCheckout({
      client,
      sessionId,
      maxPolls: props.maxPolls ?? 8,
      pollIntervalMs: props.pollIntervalMs ?? 1500,
      signal: controller.signal,
      onState: (next) => {
        setState(next);
        if (next.kind === 'granted') refreshPaymentStatus();
      },
    });
    return () => controller.abort();
  }, [client, sessionId, props.maxPolls, props.pollIntervalMs, refreshPaymentStatus]);

  return (
    <section
      className="up-result"
      aria-live="polite"
      aria-busy={state.kind === 'verifying' || state.kind === 'activating'}
    >
      <Body
        state={state}
        name={(id) => productName(config?.products, id)}
        signInHref={signInHref}
        billingHref={billingHref}
        pricingHref={pricingHref}
      />
    </section>
  );
}

interface BodyProps {
  state: SuccessState;
  name: (productId: string) => string;
  signInHref?: string;
  billingHref: string;
  pricingHref: string;
}

function Body({ state, name, signInHref, billingHref, pricingHref }: BodyProps) {
  switch (state.kind) {
    case 'verifying':
      return (
        <>
          <h1>Confirming your payment…</h1>
          <PanelSkeleton />
        </>
      );
    case 'granted':
      return (
        <>
          <h1>Thanks! Your payment is confirmed.</h1>
          <p>The {name(state.session.productId)} plan is active on your account.</p>
          <a className="up-button up-button--primary" href={billingHref}>
            Go to billing
          </a>
        </>
      );
    case 'activating':
      return (
        <>
          <h1>Payment received</h1>
          <p>
            <span className="up-spinner" aria-hidden="true" /> Activating the {name(state.session.productId)}{' '}
            plan…
          </p>
        </>
      );
    case 'delayed':
      return (
        <>
          <h1>Payment received</h1>
          <p>
            Your plan is still being activated. This usually takes a few seconds — check your billing page
            shortly.
          </p>
          <a className="up-button up-button--primary" href={billingHref}>
            Go to billing
          </a>
        </>
      );
    case 'processing':
      return (
        <>
          <h1>Your payment is processing</h1>
          <p>We will activate your plan as soon as the payment clears.</p>
          <a className="up-button up-button--secondary" href={billingHref}>
            Go to billing
          </a>
        </>
      );
    case 'open':
      return (
        <>
          <h1>This checkout is not finished</h1>
          <p>No payment has been confirmed for it yet.</p>
          <a className="up-button up-button--secondary" href={pricingHref}>
            Back to pricing
          </a>
        </>
      );
    case 'expired':
      return (
        <>
          <h1>This checkout has expired</h1>
          <p>No payment was taken. You can start again from the pricing page.</p>
          <a className="up-button up-button--secondary" href={pricingHref}>
            Back to pricing
          </a>
        </>
      );
    case 'unverified':
      return (
        <>
          <h1>We could not confirm this payment</h1>
          <p>
            {state.signedOut
              ? 'Sign in with the account you paid with to see its status.'
              : 'This link does not match a checkout on your account. If you were charged, your billing page shows what is active.'}
          </p>
          <div className="up-actions">
            {state.signedOut && signInHref && (
              <a className="up-button up-button--primary" href={signInHref}>
                Sign in
              </a>
            )}
            <a className="up-button up-button--secondary" href={billingHref}>
              Go to billing
            </a>
          </div>
        </>
      );
  }
}
