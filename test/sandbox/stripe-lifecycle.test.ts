import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubscriptionSnapshot } from '../../src/providers/types.ts';
import { checkoutInput, payWith, type StripeRig, startStripeRig } from './helpers.ts';

const DAY = 86_400_000;

let rig: StripeRig;
beforeEach(async () => {
  rig = await startStripeRig();
});
afterEach(async () => {
  await rig.close();
});

async function subscribe(card: string): Promise<{ subscriptionId: string; customerId: string }> {
  const { sessionId, url } = await rig.provider.createCheckout(checkoutInput({ userId: 'u1' }));
  expect((await payWith(url, card)).status).toBe(303);
  const st = await rig.provider.getCheckout(sessionId);
  await rig.sandbox.idle();
  rig.receiver.received.length = 0;
  return { subscriptionId: st.subscriptionId as string, customerId: st.customerId as string };
}

async function eventsSince() {
  await rig.sandbox.idle();
  return (await rig.verified()).map((e) => rig.provider.normalize(e));
}

function snapshots(events: Awaited<ReturnType<typeof eventsSince>>, kind: string): SubscriptionSnapshot[] {
  return events.flatMap((e) => (e.kind === kind && 'subscription' in e ? [e.subscription] : []));
}

describe('sandbox: Stripe subscriptions over time', () => {
  it('advancing the clock past the period end renews: invoice.paid + subscription.updated with the next period', async () => {
    const { subscriptionId } = await subscribe('4242 4242 4242 4242');
    const before = await rig.provider.getSubscription(subscriptionId);
    await rig.sandbox.ctx.clock.advance(32 * DAY);
    const events = await eventsSince();
    expect(events.map((e) => e.type)).toEqual([
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.updated',
    ]);
    expect(events[0]).toMatchObject({ kind: 'invoice.paid', subscriptionId, amount: 2900 });
    const [updated] = snapshots(events, 'subscription.updated');
    expect(updated.status).toBe('active');
    expect(updated.currentPeriodEnd).toBeGreaterThan(before.currentPeriodEnd as number);
    const after = await rig.provider.getSubscription(subscriptionId);
    expect(after.currentPeriodEnd).toBe(updated.currentPeriodEnd);
  });

  it('the 0341 card subscribes fine, then the renewal fails: invoice.payment_failed + past_due', async () => {
    const { subscriptionId } = await subscribe('4000 0000 0000 0341');
    expect((await rig.provider.getSubscription(subscriptionId)).status).toBe('active');
    await rig.sandbox.ctx.clock.advance(32 * DAY);
    const events = await eventsSince();
    expect(events.map((e) => e.type)).toEqual(['invoice.payment_failed', 'customer.subscription.updated']);
    expect(events[0]).toMatchObject({ kind: 'payment.failed', subscriptionId, failureCode: 'card_declined' });
    expect(snapshots(events, 'subscription.updated')[0].status).toBe('past_due');
    expect((await rig.provider.getSubscription(subscriptionId)).status).toBe('past_due');
  });

  it('cancel at period end (adapter) → updated now, deleted when the clock passes the period end', async () => {
    const { subscriptionId } = await subscribe('4242 4242 4242 4242');
    const snap = await rig.provider.cancelSubscription(subscriptionId, {
      atPeriodEnd: true,
      idempotencyKey: 'cancel-1',
    });
    expect(snap).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    await rig.sandbox.ctx.clock.advance(10 * DAY);
    expect((await eventsSince()).map((e) => e.type)).toEqual(['customer.subscription.updated']);
    rig.receiver.received.length = 0;
    await rig.sandbox.ctx.clock.advance(25 * DAY);
    const events = await eventsSince();
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.deleted']);
    expect(snapshots(events, 'subscription.deleted')[0].status).toBe('canceled');
  });

  it('immediate cancel and customer deletion (idempotent)', async () => {
    const { subscriptionId, customerId } = await subscribe('4242 4242 4242 4242');
    expect(
      await rig.provider.cancelSubscription(subscriptionId, { atPeriodEnd: false, idempotencyKey: 'c2' }),
    ).toMatchObject({ status: 'canceled' });
    await rig.provider.deleteCustomer(customerId);
    await rig.provider.deleteCustomer(customerId);
    await rig.provider.deleteCustomer('cus_never_existed');
    const events = await eventsSince();
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.deleted', 'customer.deleted']);
  });

  it('billing portal: shows the subscription, cancels at period end, links back', async () => {
    const { subscriptionId, customerId } = await subscribe('4242 4242 4242 4242');
    const { url } = await rig.provider.createPortal(customerId, 'http://127.0.0.1:9/account/billing');
    const html = await (await fetch(url)).text();
    expect(html).toContain('Pro');
    expect(html).toContain('visa ending in 4242');
    expect(html).toContain('href="http://127.0.0.1:9/account/billing"');
    expect(html).toContain('Cancel subscription');
    const res = await fetch(`${url}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `subscription=${subscriptionId}`,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(await (await fetch(url)).text()).toContain('Cancels on');
    const events = await eventsSince();
    expect(snapshots(events, 'subscription.updated')[0]).toMatchObject({
      id: subscriptionId,
      cancelAtPeriodEnd: true,
    });
  });

  it("a portal session cannot cancel another customer's subscription", async () => {
    const a = await subscribe('4242 4242 4242 4242');
    const b = await subscribe('4242 4242 4242 4242');
    const { url } = await rig.provider.createPortal(a.customerId, 'http://127.0.0.1:9/');
    const res = await fetch(`${url}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `subscription=${b.subscriptionId}`,
      redirect: 'manual',
    });
    expect(res.status).toBe(404);
    expect((await rig.provider.getSubscription(b.subscriptionId)).cancelAtPeriodEnd).toBe(false);
  });

  it('invoices and events are listable through the SDK wire format', async () => {
    const { subscriptionId } = await subscribe('4242 4242 4242 4242');
    const auth = { authorization: 'Bearer sk_test_sandbox_rig_key' };
    const inv = await (
      await fetch(`${rig.sandbox.url}/v1/invoices?subscription=${subscriptionId}&limit=5`, { headers: auth })
    ).json();
    expect(inv).toMatchObject({ object: 'list', has_more: false });
    expect(inv.data).toHaveLength(1);
    expect(inv.data[0]).toMatchObject({
      object: 'invoice',
      status: 'paid',
      parent: { subscription_details: { subscription: subscriptionId } },
    });
    const one = await (
      await fetch(`${rig.sandbox.url}/v1/invoices/${inv.data[0].id}`, { headers: auth })
    ).json();
    expect(one.id).toBe(inv.data[0].id);
    const evs = await (
      await fetch(`${rig.sandbox.url}/v1/events?type=checkout.session.completed`, { headers: auth })
    ).json();
    expect(evs.data).toHaveLength(1);
    const ev = await (
      await fetch(`${rig.sandbox.url}/v1/events/${evs.data[0].id}`, { headers: auth })
    ).json();
    expect(ev.type).toBe('checkout.session.completed');
  });
});

describe('sandbox: event time vs the advanced clock', () => {
  it('event times stay on wall time after a clock advance, so a later re-fetch is not taken for older', async () => {
    const { subscriptionId } = await subscribe('4242 4242 4242 4242');
    await rig.sandbox.ctx.clock.advance(40 * DAY);
    const [, , updated] = await eventsSince();
    if (updated.kind !== 'subscription.updated') throw new Error(updated.kind);
    const fetched = await rig.provider.getSubscription(subscriptionId);
    // Fetched after the event, so it must not look older (same timeline), or the app would ignore re-fetches.
    expect(fetched.version).toBeGreaterThanOrEqual(updated.occurredAt);
    expect(Math.abs(updated.occurredAt - Date.now())).toBeLessThan(60_000);
  });
});
