/** Renders a component inside PaymentsProvider with a stubbed API, a fixed locale and a recorded redirect. */
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import type { PublicConfig } from '../../../src/web/lib/api/types.ts';
import { PaymentsProvider } from '../../../src/web/lib/context/PaymentsProvider.tsx';
import { type ApiStub, createApiStub } from './api-stub.ts';

afterEach(() => {
  cleanup();
});

export interface RenderOptions {
  api?: ApiStub;
  /** Given = skip the config request; omitted = the stub must answer GET /api/payments/config. */
  config?: PublicConfig;
  token?: string | null;
}

export function renderWithPayments(ui: ReactElement, opts: RenderOptions = {}) {
  const api = opts.api ?? createApiStub();
  const redirect = vi.fn<(url: string) => void>();
  const token = opts.token === undefined ? 'test-token' : opts.token;
  const getToken = () => token;
  const result = render(
    <PaymentsProvider
      getToken={getToken}
      config={opts.config}
      fetch={api.fetch}
      redirect={redirect}
      signInHref="/signin"
      locale="en-US"
    >
      {ui}
    </PaymentsProvider>,
  );
  return { ...result, api, redirect };
}
