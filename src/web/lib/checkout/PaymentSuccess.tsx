import { type ReactNode, useEffect, useState } from 'react';
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

/**
 * The checkout id the provider put in the return URL: Stripe and Square fill `session_id` from
 * `{CHECKOUT_SESSION_ID}`; PayPal cannot, and appends `subscription_id` (subscriptions) or `token` (orders).
 */
export function successSessionId(search: string): string | null {
  const q = new URLSearchParams(search);
  return q.get('session_id') ?? q.get('subscription_id') ?? q.get('token');
}

function sessionIdFromUrl(): string | null {
  if (typeof window === 'undefined') return null;
  return successSessionId(window.location.search);
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

interface View {
  title: string;
  text?: ReactNode;
  /** [label, href, primary?] */
  actions: Array<[string, string | undefined, boolean?]>;
}

/** What each verification state says. Only `granted` thanks anyone. */
function viewOf({ state, name, signInHref, billingHref, pricingHref }: BodyProps): View {
  switch (state.kind) {
    case 'verifying':
      return { title: 'Confirming your payment…', actions: [] };
    case 'granted':
      return {
        title: 'Thanks! Your payment is confirmed.',
        text: `The ${name(state.session.productId)} plan is active on your account.`,
        actions: [['Go to billing', billingHref, true]],
      };
    case 'activating':
      return {
        title: 'Payment received',
        text: (
          <>
            <span className="up-spinner" aria-hidden="true" /> Activating the {name(state.session.productId)}{' '}
            plan…
          </>
        ),
        actions: [],
      };
    case 'delayed':
      return {
        title: 'Payment received',
        text: 'Your plan is still being activated. This usually takes a few seconds — check your billing page shortly.',
        actions: [['Go to billing', billingHref, true]],
      };
    case 'processing':
      return {
        title: 'Your payment is processing',
        text: 'We will activate your plan as soon as the payment clears.',
        actions: [['Go to billing', billingHref]],
      };
    case 'open':
      return {
        title: 'This checkout is not finished',
        text: 'No payment has been confirmed for it yet.',
        actions: [['Back to pricing', pricingHref]],
      };
    case 'expired':
      return {
        title: 'This checkout has expired',
        text: 'No payment was taken. You can start again from the pricing page.',
        actions: [['Back to pricing', pricingHref]],
      };
    case 'unverified':
      return {
        title: 'We could not confirm this payment',
        text: state.signedOut
          ? 'Sign in with the account you paid with to see its status.'
          : 'This link does not match a checkout on your account. If you were charged, your billing page shows what is active.',
        actions: [
          ...(state.signedOut && signInHref
            ? [['Sign in', signInHref, true] as [string, string, boolean]]
            : []),
          ['Go to billing', billingHref],
        ],
      };
  }
}

function Body(props: BodyProps) {
  const view = viewOf(props);
  return (
    <>
      <h1>{view.title}</h1>
      {props.state.kind === 'verifying' && <PanelSkeleton />}
      {view.text && <p>{view.text}</p>}
      {view.actions.length > 0 && (
        <div className="up-actions">
          {view.actions.map(([label, href, primary]) => (
            <a
              key={label}
              className={`up-button ${primary ? 'up-button--primary' : 'up-button--secondary'}`}
              href={href}
            >
              {label}
            </a>
          ))}
        </div>
      )}
    </>
  );
}
