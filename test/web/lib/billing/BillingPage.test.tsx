// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PaymentStatus } from '../../../../src/web/lib/api/types.ts';
import { BillingPage } from '../../../../src/web/lib/billing/BillingPage.tsx';
import { apiError, createApiStub, json } from '../../support/api-stub.ts';
import {
  CHECKOUT_ORIGIN,
  me,
  PERIOD_END,
  proMe,
  publicConfig,
  subscription,
} from '../../support/fixtures.ts';
import { renderWithPayments } from '../../support/render.tsx';

const DATE = 'March 3, 2027';

function renderBilling(status: PaymentStatus, config = publicConfig()) {
  const api = createApiStub().on('GET /api/payments/me', json(status));
  return renderWithPayments(<BillingPage />, { api, config });
}

async function panel(name = 'Pro') {
  return screen.findByRole('article', { name });
}

describe('BillingPage', () => {
  it('with no subscription, says so and links to pricing', async () => {
    renderBilling(me());
    expect(await screen.findByRole('heading', { name: 'No active subscription' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See plans' }).getAttribute('href')).toBe('/pricing');
    expect(screen.getByText('No card on file.')).toBeTruthy();
  });

  it('active: plan, renewal date, card brand + last 4, portal and cancel', async () => {
    renderBilling(proMe());
    const p = await panel();
    expect(within(p).getByText('Active')).toBeTruthy();
    expect(within(p).getByText(`Renews on ${DATE}`)).toBeTruthy();
    expect(within(p).getByRole('button', { name: 'Manage in portal' })).toBeTruthy();
    expect(within(p).getByRole('button', { name: 'Cancel subscription' })).toBeTruthy();
    expect(screen.getByText('Visa').parentElement?.textContent).toBe('Visa ending in 4242');
  });

  it('trialing: shows when the trial ends', async () => {
    renderBilling(proMe({ status: 'trialing', trialEnd: PERIOD_END }));
    const p = await panel();
    expect(within(p).getByText('Trial')).toBeTruthy();
    expect(within(p).getByText(`Trial ends on ${DATE}`)).toBeTruthy();
  });

  it('past_due: fix-payment call to action that opens the portal', async () => {
    const { api, redirect } = renderBilling(proMe({ status: 'past_due' }));
    api.on('POST /api/payments/portal', json({ url: `${CHECKOUT_ORIGIN}/p/session/abc` }));
    const p = await panel();
    expect(within(p).getByText('Past due')).toBeTruthy();
    expect(within(p).getByRole('alert').textContent).toContain('Your last payment failed.');
    await userEvent.click(within(p).getByRole('button', { name: 'Fix payment' }));
    await waitFor(() => expect(redirect).toHaveBeenCalledWith(`${CHECKOUT_ORIGIN}/p/session/abc`));
  });

  it('past_due without a portal: tells the user where to fix it, no dead button', async () => {
    const config = publicConfig({ capabilities: { portal: { stripe: false } } });
    renderBilling(proMe({ status: 'past_due', provider: 'stripe' }), config);
    const p = await panel();
    expect(within(p).queryByRole('button', { name: 'Fix payment' })).toBeNull();
    expect(within(p).queryByRole('button', { name: 'Manage in portal' })).toBeNull();
    expect(within(p).getByText(/Update the card you use with stripe/)).toBeTruthy();
  });

  it('canceled at period end: "ends on", and no second cancel', async () => {
    renderBilling(proMe({ cancelAtPeriodEnd: true }));
    const p = await panel();
    expect(within(p).getByText('Ending')).toBeTruthy();
    expect(within(p).getByText(`Ends on ${DATE}`)).toBeTruthy();
    expect(within(p).queryByRole('button', { name: 'Cancel subscription' })).toBeNull();
  });

  it('canceled: marked canceled, with a way back to pricing', async () => {
    renderBilling(me({ subscriptions: [subscription({ status: 'canceled' })] }));
    const p = await panel();
    expect(within(p).getByText('Canceled')).toBeTruthy();
    expect(within(p).getByText(`Ended on ${DATE}`)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See plans' })).toBeTruthy();
  });

  it('refuses a portal URL outside checkoutOrigins', async () => {
    const { api, redirect } = renderBilling(proMe());
    api.on('POST /api/payments/portal', json({ url: 'https://phish.test/portal' }));
    await userEvent.click(within(await panel()).getByRole('button', { name: 'Manage in portal' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/unexpected address/);
    expect(redirect).not.toHaveBeenCalled();
  });

  it('cancel asks for confirmation; Escape keeps the subscription', async () => {
    const { api } = renderBilling(proMe());
    await userEvent.click(within(await panel()).getByRole('button', { name: 'Cancel subscription' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel Pro?' });
    expect(dialog.textContent).toContain(`You keep Pro until ${DATE}`);
    expect(document.activeElement?.textContent).toBe('Keep subscription');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.count('POST /api/payments/subscriptions/sub_1/cancel')).toBe(0);
  });

  it('confirming cancel posts it and re-reads /me', async () => {
    let canceled = false;
    const api = createApiStub()
      .on('GET /api/payments/me', () => json(proMe({ cancelAtPeriodEnd: canceled })))
      .on('POST /api/payments/subscriptions/sub_1/cancel', () => {
        canceled = true;
        return json(subscription({ cancelAtPeriodEnd: true }));
      });
    renderWithPayments(<BillingPage />, { api, config: publicConfig() });
    await userEvent.click(within(await panel()).getByRole('button', { name: 'Cancel subscription' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel' }));
    expect(await screen.findByText(`Ends on ${DATE}`)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.count('GET /api/payments/me')).toBe(2);
  });

  it('a failed cancel keeps the dialog open with the server message', async () => {
    const { api } = renderBilling(proMe());
    api.on('POST /api/payments/subscriptions/sub_1/cancel', apiError(403, 'forbidden', 'access denied'));
    await userEvent.click(within(await panel()).getByRole('button', { name: 'Cancel subscription' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel' }));
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toBe('access denied');
  });

  it('signed out: asks to sign in', async () => {
    const api = createApiStub();
    renderWithPayments(<BillingPage />, { api, config: publicConfig(), token: null });
    expect(await screen.findByRole('heading', { name: 'Sign in to see your billing' })).toBeTruthy();
    expect(api.calls).toHaveLength(0);
  });

  it('shows a skeleton, not a jump, while /me loads', () => {
    const api = createApiStub().on('GET /api/payments/me', () => new Promise(() => {}));
    const { container } = renderWithPayments(<BillingPage />, { api, config: publicConfig() });
    expect(container.querySelector('.up-panel--skeleton')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Billing' }).getAttribute('aria-busy')).toBe('true');
  });
});
