// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PaymentRequiredError } from '../../../../src/web/lib/api/errors.ts';
import { PaymentsProvider } from '../../../../src/web/lib/context/PaymentsProvider.tsx';
import { createMonetizedFetch } from '../../../../src/web/lib/paywall/monetizedFetch.ts';
import { useMonetizedFetch } from '../../../../src/web/lib/paywall/useMonetizedFetch.ts';
import { apiError, createApiStub, json } from '../../support/api-stub.ts';
import { publicConfig } from '../../support/fixtures.ts';

const paywalled = apiError(402, 'payment_required', 'Reports are a Pro feature.', { redirectTo: '/pricing' });

describe('createMonetizedFetch', () => {
  it('adds the bearer token and passes non-402 responses through untouched', async () => {
    const api = createApiStub().on('GET /reports/42', json({ id: 42 }));
    const onPaymentRequired = vi.fn();
    const f = createMonetizedFetch({ getToken: () => 'tok', onPaymentRequired, fetch: api.fetch });
    const res = await f('/reports/42');
    expect(await res.json()).toEqual({ id: 42 });
    expect(api.calls[0]?.authorization).toBe('Bearer tok');
    expect(onPaymentRequired).not.toHaveBeenCalled();
  });

  it("turns a 402 into the paywall callback with the server's message, then throws PaymentRequiredError", async () => {
    const api = createApiStub().on('GET /reports/42', paywalled);
    const onPaymentRequired = vi.fn();
    const f = createMonetizedFetch({ getToken: async () => 'tok', onPaymentRequired, fetch: api.fetch });
    const err = await f('/reports/42').catch((e) => e);
    expect(err).toBeInstanceOf(PaymentRequiredError);
    expect(err.message).toBe('Reports are a Pro feature.');
    expect(onPaymentRequired).toHaveBeenCalledWith({
      code: 'payment_required',
      message: 'Reports are a Pro feature.',
      redirectTo: '/pricing',
    });
  });

  it('copes with a 402 whose body is not ours', async () => {
    const f = createMonetizedFetch({
      getToken: () => null,
      onPaymentRequired: vi.fn(),
      fetch: async () => new Response('<html>pay</html>', { status: 402 }),
    });
    const err = await f('/x').catch((e) => e);
    expect(err).toBeInstanceOf(PaymentRequiredError);
    expect(err.message).toBe('This feature needs a paid plan.');
  });
});

describe('useMonetizedFetch', () => {
  it('exposes the last 402 as state and clears it on reset', async () => {
    const api = createApiStub().on('GET /reports/42', paywalled);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PaymentsProvider getToken={() => 'tok'} config={publicConfig()} fetch={api.fetch}>
        {children}
      </PaymentsProvider>
    );
    const { result } = renderHook(() => useMonetizedFetch(api.fetch), { wrapper });
    await act(async () => {
      await result.current.fetch('/reports/42').catch(() => {});
    });
    expect(result.current.paymentRequired?.message).toBe('Reports are a Pro feature.');
    act(() => result.current.reset());
    expect(result.current.paymentRequired).toBeNull();
  });
});
