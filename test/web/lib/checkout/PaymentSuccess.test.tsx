// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PaymentCancel } from '../../../../src/web/lib/checkout/PaymentCancel.tsx';
import { PaymentSuccess } from '../../../../src/web/lib/checkout/PaymentSuccess.tsx';
import { apiError, createApiStub, json } from '../../support/api-stub.ts';
import { me, proMe, publicConfig } from '../../support/fixtures.ts';
import { renderWithPayments } from '../../support/render.tsx';

const config = publicConfig();
const complete = {
  sessionId: 'cs_1',
  status: 'complete',
  paymentStatus: 'paid',
  productId: 'pro-monthly',
  plan: 'pro',
};
const fast = { maxPolls: 3, pollIntervalMs: 5 };

function expectNoThanks() {
  expect(screen.queryByText(/thank/i)).toBeNull();
}

describe('PaymentSuccess', () => {
  it('says nothing until the server answers', () => {
    const api = createApiStub().on('GET /api/payments/checkout/cs_1', () => new Promise(() => {}));
    renderWithPayments(<PaymentSuccess sessionId="cs_1" />, { api, config });
    expect(screen.getByRole('heading', { name: 'Confirming your payment…' })).toBeTruthy();
    expectNoThanks();
  });

  it('refuses an unverified (foreign or unknown) session id with a neutral message', async () => {
    const api = createApiStub().on(
      'GET /api/payments/checkout/cs_someone_else',
      apiError(404, 'not_found', 'not found'),
    );
    renderWithPayments(<PaymentSuccess sessionId="cs_someone_else" {...fast} />, { api, config });
    expect(await screen.findByRole('heading', { name: 'We could not confirm this payment' })).toBeTruthy();
    expectNoThanks();
    expect(api.count('GET /api/payments/me')).toBe(0);
  });

  it('refuses a missing or malformed session id without asking the server', async () => {
    const api = createApiStub();
    renderWithPayments(<PaymentSuccess sessionId={'../../me'} />, { api, config });
    expect(await screen.findByRole('heading', { name: 'We could not confirm this payment' })).toBeTruthy();
    expect(api.calls).toHaveLength(0);
  });

  it('reads session_id from the URL by default', async () => {
    window.history.replaceState(null, '', '/payment/success?session_id=cs_1');
    const api = createApiStub()
      .on('GET /api/payments/checkout/cs_1', json(complete))
      .on('GET /api/payments/me', json(proMe()));
    renderWithPayments(<PaymentSuccess {...fast} />, { api, config });
    expect(await screen.findByRole('heading', { name: 'Thanks! Your payment is confirmed.' })).toBeTruthy();
  });

  it('asks a signed-out visitor to sign in instead of confirming', async () => {
    const api = createApiStub().on(
      'GET /api/payments/checkout/cs_1',
      apiError(401, 'unauthorized', 'authentication required'),
    );
    renderWithPayments(<PaymentSuccess sessionId="cs_1" />, { api, config, token: null });
    expect(await screen.findByRole('heading', { name: 'We could not confirm this payment' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/signin');
    expectNoThanks();
  });

  it('thanks the buyer once the session is complete and the plan is granted', async () => {
    const api = createApiStub()
      .on('GET /api/payments/checkout/cs_1', json(complete))
      .on('GET /api/payments/me', json(proMe()));
    renderWithPayments(<PaymentSuccess sessionId="cs_1" {...fast} />, { api, config });
    expect(await screen.findByRole('heading', { name: 'Thanks! Your payment is confirmed.' })).toBeTruthy();
    expect(screen.getByText('The Pro plan is active on your account.')).toBeTruthy();
  });

  it('polls /me (bounded) while the webhook has not landed, then confirms', async () => {
    let calls = 0;
    const api = createApiStub()
      .on('GET /api/payments/checkout/cs_1', json(complete))
      .on('GET /api/payments/me', () => json(++calls < 3 ? me() : proMe()));
    renderWithPayments(<PaymentSuccess sessionId="cs_1" maxPolls={5} pollIntervalMs={5} />, { api, config });
    expect(await screen.findByRole('heading', { name: 'Payment received' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Thanks! Your payment is confirmed.' })).toBeTruthy();
    expect(api.count('GET /api/payments/me')).toBe(3);
  });

  it('stops polling after maxPolls and says the plan is still activating', async () => {
    const api = createApiStub()
      .on('GET /api/payments/checkout/cs_1', json(complete))
      .on('GET /api/payments/me', json(me()));
    renderWithPayments(<PaymentSuccess sessionId="cs_1" {...fast} />, { api, config });
    expect(await screen.findByText(/still being activated/)).toBeTruthy();
    expect(api.count('GET /api/payments/me')).toBe(fast.maxPolls + 1);
    expectNoThanks();
  });

  it.each([
    ['open', 'paid', 'This checkout is not finished'],
    ['expired', 'unpaid', 'This checkout has expired'],
    ['complete', 'unpaid', 'Your payment is processing'],
  ])('status %s / %s → "%s", no thanks', async (status, paymentStatus, heading) => {
    const api = createApiStub().on(
      'GET /api/payments/checkout/cs_1',
      json({ ...complete, status, paymentStatus }),
    );
    renderWithPayments(<PaymentSuccess sessionId="cs_1" {...fast} />, { api, config });
    expect(await screen.findByRole('heading', { name: heading })).toBeTruthy();
    expectNoThanks();
    expect(api.count('GET /api/payments/me')).toBe(0);
  });
});

describe('PaymentCancel', () => {
  it('reassures that nothing was charged and links back to pricing', () => {
    renderWithPayments(<PaymentCancel />, { config });
    expect(screen.getByRole('heading', { name: 'Checkout canceled' })).toBeTruthy();
    expect(screen.getByText(/No payment was taken/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to pricing' }).getAttribute('href')).toBe('/pricing');
  });
});
