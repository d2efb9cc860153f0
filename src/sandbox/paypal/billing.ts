/**
 * Catalog products, billing plans and subscriptions (the Subscriptions v1 API), plus what happens on the
 * sandbox clock: activation after approval, renewals as PAYMENT.SALE.COMPLETED, and a failing renewal as
 * PAYMENT.FAILED + SUSPENDED (the sandbox suspends after the first failure, PayPal after the plan threshold).
 */
import type { SandboxContext } from '../types.ts';
import { type apiRouter, notFound, unprocessable } from './api-core.ts';
import type { PaypalEmit } from './events.ts';
import { INTERVAL_MS } from './hosted.ts';
import { iso } from './orders.ts';
import { type Json, type PaypalPlan, type PaypalState, type PaypalSubscription, paypalId } from './state.ts';

type Cycle = { unit: keyof typeof INTERVAL_MS; count: number; price?: Json };

export function planCycles(plan: PaypalPlan | undefined): { trial?: Cycle; regular?: Cycle } {
  const read = (tenure: string): Cycle | undefined => {
    const c = plan?.billing_cycles.find((x) => x.tenure_type === tenure);
    if (!c) return undefined;
    const f = (c.frequency ?? {}) as Json;
    const unit = String(f.interval_unit) as keyof typeof INTERVAL_MS;
    return {
      unit: unit in INTERVAL_MS ? unit : 'MONTH',
      count: Number(f.interval_count ?? 1),
      price: ((c.pricing_scheme ?? {}) as Json).fixed_price as Json,
    };
  };
  return { trial: read('TRIAL'), regular: read('REGULAR') };
}

const periodMs = (c: Cycle) => INTERVAL_MS[c.unit] * c.count;

export function billingRoutes(
  route: ReturnType<typeof apiRouter>,
  ctx: SandboxContext,
  state: PaypalState,
  emit: PaypalEmit,
) {
  const now = () => iso(ctx.clock.now());
  const view = (s: PaypalSubscription) => ({
    ...s,
    links: [
      ...(s.status === 'APPROVAL_PENDING'
        ? [{ href: `${ctx.baseUrl()}/paypal/approve/${s.id}`, rel: 'approve', method: 'GET' }]
        : []),
      { href: `${ctx.baseUrl()}/paypal/v1/billing/subscriptions/${s.id}`, rel: 'self', method: 'GET' },
    ],
  });

  route('POST', '/v1/catalogs/products', ({ body }) => {
    const product = {
      id: paypalId('PROD-', 17),
      name: String(body.name ?? ''),
      type: body.type ?? 'SERVICE',
      create_time: now(),
    };
    state.products.set(product.id, product);
    return { status: 201, body: product };
  });

  route('POST', '/v1/billing/plans', ({ body }) => {
    if (!state.products.has(String(body.product_id))) throw unprocessable('INVALID_PRODUCT_ID');
    const plan: PaypalPlan = {
      id: paypalId('P-', 24),
      product_id: body.product_id,
      name: body.name,
      status: 'ACTIVE',
      billing_cycles: Array.isArray(body.billing_cycles) ? (body.billing_cycles as Json[]) : [],
      payment_preferences: body.payment_preferences ?? {},
      create_time: now(),
      update_time: now(),
    };
    state.plans.set(plan.id, plan);
    return { status: 201, body: plan };
  });

  route('GET', '/v1/billing/plans/:id', ({ params }) => {
    const plan = state.plans.get(params.id);
    if (!plan) throw notFound();
    return { status: 200, body: plan };
  });

  route('POST', '/v1/billing/subscriptions', ({ body }) => {
    if (!state.plans.has(String(body.plan_id))) throw unprocessable('INVALID_RESOURCE_ID');
    const t = now();
    const sub: PaypalSubscription = {
      id: paypalId('I-', 12),
      plan_id: String(body.plan_id),
      status: 'APPROVAL_PENDING',
      status_update_time: t,
      custom_id: body.custom_id,
      quantity: '1',
      create_time: t,
      update_time: t,
    };
    const app = (body.application_context ?? {}) as Json;
    state.subscriptions.set(sub.id, sub);
    state.returns.set(sub.id, { returnUrl: app.return_url as string, cancelUrl: app.cancel_url as string });
    emit('BILLING.SUBSCRIPTION.CREATED', 'subscription', sub);
    return { status: 201, body: view(sub) };
  });

  route('GET', '/v1/billing/subscriptions/:id', ({ params }) => {
    const s = state.subscriptions.get(params.id);
    if (!s) throw notFound();
    return { status: 200, body: view(s) };
  });

  route('POST', '/v1/billing/subscriptions/:id/cancel', ({ params }) => {
    const s = state.subscriptions.get(params.id);
    if (!s) throw notFound();
    if (s.status === 'CANCELLED' || s.status === 'EXPIRED')
      throw unprocessable('SUBSCRIPTION_STATUS_INVALID');
    setStatus(s, 'CANCELLED', now());
    emit('BILLING.SUBSCRIPTION.CANCELLED', 'subscription', s);
    return { status: 204, body: null };
  });
}

function setStatus(s: PaypalSubscription, status: PaypalSubscription['status'], t: string) {
  s.status = status;
  s.status_update_time = t;
  s.update_time = t;
}

function sale(s: PaypalSubscription, price: Json | undefined, t: string): Json {
  return {
    id: paypalId(),
    state: 'completed',
    amount: { total: String(price?.value ?? '0.00'), currency: String(price?.currency_code ?? 'USD') },
    billing_agreement_id: s.id,
    custom: s.custom_id,
    create_time: t,
    update_time: t,
  };
}

/** Buyer approved: activate, charge the first period unless the plan starts with a trial. */
export function activateSubscription(
  s: PaypalSubscription,
  state: PaypalState,
  ctx: SandboxContext,
  emit: PaypalEmit,
) {
  const nowMs = ctx.clock.now();
  const t = iso(nowMs);
  const { trial, regular } = planCycles(state.plans.get(s.plan_id));
  const first = trial ?? regular;
  s.subscriber = { payer_id: paypalId('', 13), email_address: 'sb-buyer@personal.example.com' };
  s.start_time = t;
  s.billing_info = {
    outstanding_balance: { currency_code: String(regular?.price?.currency_code ?? 'USD'), value: '0.00' },
    failed_payments_count: 0,
    next_billing_time: iso(nowMs + (first ? periodMs(first) : INTERVAL_MS.MONTH)),
    cycle_executions: [
      ...(trial
        ? [{ tenure_type: 'TRIAL', sequence: 1, cycles_completed: 0, cycles_remaining: 1, total_cycles: 1 }]
        : []),
      {
        tenure_type: 'REGULAR',
        sequence: trial ? 2 : 1,
        cycles_completed: trial ? 0 : 1,
        cycles_remaining: 0,
        total_cycles: 0,
      },
    ],
    ...(trial ? {} : { last_payment: { amount: regular?.price, time: t } }),
  };
  setStatus(s, 'ACTIVE', t);
  emit('BILLING.SUBSCRIPTION.ACTIVATED', 'subscription', s);
  if (!trial) emit('PAYMENT.SALE.COMPLETED', 'sale', sale(s, regular?.price, t));
}

/** Clock advanced: bill every active subscription whose period ended (bounded per subscription). */
export async function runRenewals(state: PaypalState, emit: PaypalEmit, nowMs: number): Promise<void> {
  for (const s of state.subscriptions.values()) {
    const { regular } = planCycles(state.plans.get(s.plan_id));
    for (let i = 0; i < 120 && s.status === 'ACTIVE'; i++) {
      const info = (s.billing_info ?? {}) as Json;
      const due = Date.parse(String(info.next_billing_time));
      if (!Number.isFinite(due) || due > nowMs) break;
      const t = iso(due);
      if (state.failRenewal.has(s.id)) {
        info.failed_payments_count = Number(info.failed_payments_count ?? 0) + 1;
        info.last_failed_payment = { amount: regular?.price, time: t, reason_code: 'PAYMENT_DENIED' };
        s.update_time = t;
        emit('BILLING.SUBSCRIPTION.PAYMENT.FAILED', 'subscription', s);
        setStatus(s, 'SUSPENDED', t);
        emit('BILLING.SUBSCRIPTION.SUSPENDED', 'subscription', s);
        break;
      }
      const cycles = (info.cycle_executions ?? []) as Json[];
      const trialCycle = cycles.find((c) => c.tenure_type === 'TRIAL');
      // The first charge after a trial ends the trial cycle: the subscription is no longer trialing.
      if (trialCycle && trialCycle.cycles_completed === 0) {
        Object.assign(trialCycle, { cycles_completed: 1, cycles_remaining: 0 });
        s.update_time = t;
        emit('BILLING.SUBSCRIPTION.UPDATED', 'subscription', s);
      }
      const regularCycle = cycles.find((c) => c.tenure_type === 'REGULAR');
      if (regularCycle) regularCycle.cycles_completed = Number(regularCycle.cycles_completed ?? 0) + 1;
      info.last_payment = { amount: regular?.price, time: t };
      info.next_billing_time = iso(due + (regular ? periodMs(regular) : INTERVAL_MS.MONTH));
      emit('PAYMENT.SALE.COMPLETED', 'sale', sale(s, regular?.price, t));
    }
  }
}
