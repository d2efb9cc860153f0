/**
 * The success page's decision procedure, apart from React: never believe the URL; ask the server whether
 * *this user's* session completed, then wait (bounded) for the webhook to grant the plan.
 */
import type { PaymentsClient } from '../api/client.ts';
import type { ApiError } from '../api/errors.ts';
import type { CheckoutSessionStatus, PaymentStatus } from '../api/types.ts';

export type SuccessState =
  | { kind: 'verifying' }
  /** No session id, a foreign/unknown one, signed out, or the server could not answer. */
  | { kind: 'unverified'; signedOut: boolean }
  | { kind: 'open' }
  | { kind: 'expired' }
  /** Checkout complete, but the payment itself is still settling (bank debits). */
  | { kind: 'processing'; session: CheckoutSessionStatus }
  /** Paid; the webhook has not granted the plan yet — polling `/me`. */
  | { kind: 'activating'; session: CheckoutSessionStatus }
  /** Paid, and still not granted after the last poll. */
  | { kind: 'delayed'; session: CheckoutSessionStatus }
  | { kind: 'granted'; session: CheckoutSessionStatus; me: PaymentStatus };

const HOLDING = new Set(['active', 'trialing', 'past_due']);

export function isGranted(session: CheckoutSessionStatus, me: PaymentStatus): boolean {
  if (me.subscriptions.some((s) => s.productId === session.productId && HOLDING.has(s.status))) return true;
  if (me.entitlements.includes(session.productId)) return true;
  return session.plan !== undefined && (me.plan === session.plan || me.entitlements.includes(session.plan));
}

export interface VerifyOptions {
  client: PaymentsClient;
  sessionId: string | null;
  /** Polls of `/me` while waiting for the webhook. */
  maxPolls: number;
  pollIntervalMs: number;
  onState: (state: SuccessState) => void;
  /** Stops the loop when the page goes away. */
  signal: AbortSignal;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

export async function verifyCheckout(opts: VerifyOptions): Promise<void> {
  const { client, signal } = opts;
  const emit = (s: SuccessState) => {
    if (!signal.aborted) opts.onState(s);
  };
  // Provider ids are short tokens; anything else is not worth a request.
  if (!opts.sessionId || !/^[A-Za-z0-9_\-:.]{1,200}$/.test(opts.sessionId)) {
    emit({ kind: 'unverified', signedOut: false });
    return;
  }
  let session: CheckoutSessionStatus;
  try {
    session = await client.get<CheckoutSessionStatus>(
      `/api/payments/checkout/${encodeURIComponent(opts.sessionId)}`,
    );
  } catch (e) {
    emit({ kind: 'unverified', signedOut: (e as ApiError).status === 401 });
    return;
  }
  if (session.status === 'open') return emit({ kind: 'open' });
  if (session.status === 'expired') return emit({ kind: 'expired' });
  if (session.status !== 'complete') return emit({ kind: 'unverified', signedOut: false });
  if (session.paymentStatus === 'unpaid') return emit({ kind: 'processing', session });

  for (let attempt = 0; attempt <= opts.maxPolls && !signal.aborted; attempt++) {
    try {
      const me = await client.get<PaymentStatus>('/api/payments/me');
      if (isGranted(session, me)) return emit({ kind: 'granted', session, me });
    } catch {
      // A transient /me failure is just another poll; the payment itself is already verified.
    }
    if (attempt === 0) emit({ kind: 'activating', session });
    if (attempt < opts.maxPolls) await sleep(opts.pollIntervalMs, signal);
  }
  emit({ kind: 'delayed', session });
}
