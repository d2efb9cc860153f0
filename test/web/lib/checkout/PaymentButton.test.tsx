// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PaymentButton } from '../../../../src/web/lib/checkout/PaymentButton.tsx';
import { apiError, createApiStub, json } from '../../support/api-stub.ts';
import { CHECKOUT_ORIGIN, publicConfig } from '../../support/fixtures.ts';
import { renderWithPayments } from '../../support/render.tsx';

const config = publicConfig();

describe('PaymentButton', () => {
  it('posts the product with the bearer token, shows pending, and redirects to the allowed checkout origin', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const api = createApiStub().on('POST /api/payments/checkout', async () => {
      await gate;
      return json({ url: `${CHECKOUT_ORIGIN}/c/pay/cs_test_1`, sessionId: 'cs_test_1' });
    });
    const { redirect } = renderWithPayments(
      <PaymentButton productId="pro-monthly">Subscribe</PaymentButton>,
      {
        api,
        config,
      },
    );
    const button = screen.getByRole('button', { name: 'Subscribe' });
    await userEvent.click(button);
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent).toContain('Redirecting');
    await userEvent.click(button); // ignored while pending
    release();
    await waitFor(() => expect(redirect).toHaveBeenCalledWith(`${CHECKOUT_ORIGIN}/c/pay/cs_test_1`));
    expect(api.count('POST /api/payments/checkout')).toBe(1);
    expect(api.calls[0]).toMatchObject({
      body: { productId: 'pro-monthly' },
      authorization: 'Bearer test-token',
    });
  });

  it('sends the chosen provider when given', async () => {
    const api = createApiStub().on(
      'POST /api/payments/checkout',
      json({ url: `${CHECKOUT_ORIGIN}/x`, sessionId: 'x' }),
    );
    renderWithPayments(<PaymentButton productId="pro-monthly" provider="stripe" />, { api, config });
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    await waitFor(() => expect(api.calls[0]?.body).toEqual({ productId: 'pro-monthly', provider: 'stripe' }));
  });

  it('refuses to redirect to an origin outside checkoutOrigins', async () => {
    const api = createApiStub().on(
      'POST /api/payments/checkout',
      json({ url: 'https://checkout.stripe.com.evil.test/pay', sessionId: 'cs_1' }),
    );
    const { redirect } = renderWithPayments(<PaymentButton productId="pro-monthly" />, { api, config });
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/unexpected address/);
    expect(redirect).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Subscribe' })).toHaveProperty('disabled', false);
  });

  it('refuses a javascript: URL even if the server sent one', async () => {
    const api = createApiStub().on(
      'POST /api/payments/checkout',
      json({ url: 'javascript:alert(1)', sessionId: 'cs_1' }),
    );
    const { redirect } = renderWithPayments(<PaymentButton productId="pro-monthly" />, { api, config });
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    await screen.findByRole('alert');
    expect(redirect).not.toHaveBeenCalled();
  });

  it('turns 429 + Retry-After into "try again in N s"', async () => {
    const api = createApiStub().on(
      'POST /api/payments/checkout',
      apiError(429, 'rate_limited', 'Too many checkout attempts', {}, { 'retry-after': '42' }),
    );
    renderWithPayments(<PaymentButton productId="pro-monthly" />, { api, config });
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many attempts. Please try again in 42 s.',
    );
  });

  it("shows the server's message on 409 (already subscribed)", async () => {
    const api = createApiStub().on(
      'POST /api/payments/checkout',
      apiError(409, 'already_subscribed', 'You already have this plan.'),
    );
    renderWithPayments(<PaymentButton productId="pro-monthly" />, { api, config });
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You already have this plan.');
  });

  it('offers sign-in on 401', async () => {
    const api = createApiStub().on(
      'POST /api/payments/checkout',
      apiError(401, 'unauthorized', 'authentication required'),
    );
    renderWithPayments(<PaymentButton productId="pro-monthly" />, { api, config, token: null });
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('a')?.getAttribute('href')).toBe('/signin');
    expect(api.calls[0]?.authorization).toBeNull();
  });

  it('reports a network failure without leaving the page', async () => {
    const api = createApiStub().on('POST /api/payments/checkout', () => {
      throw new TypeError('Failed to fetch');
    });
    const { redirect } = renderWithPayments(<PaymentButton productId="pro-monthly" />, { api, config });
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not reach the server/);
    expect(redirect).not.toHaveBeenCalled();
  });

  it('is disabled until the config has loaded', () => {
    const api = createApiStub().on('GET /api/payments/config', () => new Promise(() => {}));
    renderWithPayments(<PaymentButton productId="pro-monthly" />, { api });
    expect(screen.getByRole('button', { name: 'Subscribe' })).toHaveProperty('disabled', true);
  });
});
