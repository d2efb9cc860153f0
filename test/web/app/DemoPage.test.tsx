// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DemoPage } from '../../../src/web/app/DemoPage.tsx';
import { apiError, createApiStub, json } from '../support/api-stub.ts';
import { publicConfig } from '../support/fixtures.ts';
import { renderWithPayments } from '../support/render.tsx';

const paywalled = apiError(402, 'payment_required', 'Reports are part of the Pro plan.', {
  redirectTo: '/pricing?from=reports',
});

// The page's fetch wrapper uses the global fetch, as an app's own API calls would.
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('DemoPage (monetized API call)', () => {
  it("shows the UpgradePrompt with the server's message on 402, then the JSON once the call succeeds", async () => {
    let paid = false;
    const api = createApiStub().on('GET /reports/42', () =>
      paid ? json({ id: 42, title: 'Q3' }) : paywalled,
    );
    vi.stubGlobal('fetch', api.fetch);
    renderWithPayments(<DemoPage />, { api, config: publicConfig() });
    const prompt = await screen.findByRole('region', { name: 'Upgrade to continue' });
    expect(prompt.textContent).toContain('Reports are part of the Pro plan.');
    expect(screen.getByRole('link', { name: 'See plans' }).getAttribute('href')).toBe(
      '/pricing?from=reports',
    );
    expect(api.calls[0]?.authorization).toBe('Bearer test-token');

    paid = true;
    await userEvent.click(screen.getByRole('button', { name: 'Call the API again' }));
    expect((await screen.findByRole('heading', { name: 'Report' })).parentElement?.textContent).toContain(
      '"title": "Q3"',
    );
    expect(screen.queryByRole('region', { name: 'Upgrade to continue' })).toBeNull();
  });

  it('asks a signed-out visitor to sign in on 401', async () => {
    const api = createApiStub().on(
      'GET /reports/42',
      apiError(401, 'unauthorized', 'authentication required'),
    );
    vi.stubGlobal('fetch', api.fetch);
    renderWithPayments(<DemoPage />, { api, config: publicConfig(), token: null });
    expect(await screen.findByRole('heading', { name: 'Sign in first' })).toBeTruthy();
  });
});
