// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PricingPage } from '../../../../src/web/lib/pricing/PricingPage.tsx';
import { createApiStub, json } from '../../support/api-stub.ts';
import { me, proMe, publicConfig } from '../../support/fixtures.ts';
import { renderWithPayments } from '../../support/render.tsx';

function card(name: string) {
  return screen.getByRole('article', { name });
}

describe('PricingPage', () => {
  it('shows fixed-size skeletons while the config loads, then the plans from it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const api = createApiStub()
      .on('GET /api/payments/config', async () => {
        await gate;
        return json(publicConfig());
      })
      .on('GET /api/payments/me', json(me()));
    renderWithPayments(<PricingPage />, { api });
    expect(screen.getByRole('status', { name: 'Loading plans' })).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
    release();
    expect(await screen.findByRole('heading', { level: 1, name: 'Plans for every team' })).toBeTruthy();
    expect(await screen.findByRole('article', { name: 'Pro' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'Loading plans' })).toBeNull();
  });

  it('toggles between monthly and yearly prices', async () => {
    const api = createApiStub().on('GET /api/payments/me', json(me()));
    renderWithPayments(<PricingPage />, { api, config: publicConfig() });
    expect(within(card('Pro')).getByText('$29')).toBeTruthy();
    expect(within(card('Pro')).getByText('/month')).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: /Yearly \(save 16%\)/ }));
    expect(within(card('Pro')).getByText('$290')).toBeTruthy();
    expect(within(card('Pro')).getByText('/year')).toBeTruthy();
    expect(screen.getByRole('radio', { name: /Yearly/ })).toHaveProperty('checked', true);
  });

  it('has no toggle when only one interval exists', () => {
    const config = publicConfig();
    config.products = config.products.filter((p) => p.interval !== 'year');
    renderWithPayments(<PricingPage />, { config, token: null });
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('renders free without checkout, custom as a contact link, and the highlighted plan badge', () => {
    renderWithPayments(<PricingPage contactHref="mailto:sales@acme.test" />, {
      config: publicConfig(),
      token: null,
    });
    const free = card('Free');
    expect(within(free).getByText('Free', { selector: '.up-price' })).toBeTruthy();
    expect(within(free).queryByRole('button')).toBeNull();
    const enterprise = card('Enterprise');
    const contact = within(enterprise).getByRole('link', { name: 'Contact us about Enterprise' });
    expect(contact.getAttribute('href')).toBe('mailto:sales@acme.test');
    expect(within(enterprise).queryByRole('button')).toBeNull();
    expect(within(card('Pro')).getByText('Most popular')).toBeTruthy();
    expect(within(card('Pro')).getByRole('button', { name: 'Start free trial: Pro' })).toBeTruthy();
  });

  it('marks the current plan from /me and offers no checkout for it', async () => {
    const api = createApiStub().on('GET /api/payments/me', json(proMe()));
    renderWithPayments(<PricingPage />, { api, config: publicConfig() });
    await waitFor(() => expect(within(card('Pro')).getByText('Your current plan')).toBeTruthy());
    expect(within(card('Pro')).queryByRole('button')).toBeNull();
    expect(within(card('Free')).queryByText('Your current plan')).toBeNull();
    expect(api.calls.find((c) => c.path === '/api/payments/me')?.authorization).toBe('Bearer test-token');
  });

  it('formats zero-decimal currencies from minor units (500 jpy → ¥500)', () => {
    const config = publicConfig({
      products: [
        { id: 'jp', name: 'Starter JP', type: 'one_time', price: 500, currency: 'jpy', features: [] },
      ],
    });
    renderWithPayments(<PricingPage />, { config, token: null });
    expect(within(card('Starter JP')).getByText('¥500')).toBeTruthy();
    expect(within(card('Starter JP')).getByRole('button', { name: 'Buy: Starter JP' })).toBeTruthy();
  });

  it('does not ask /me when signed out', () => {
    const api = createApiStub();
    renderWithPayments(<PricingPage />, { api, config: publicConfig(), token: null });
    expect(api.calls).toHaveLength(0);
  });

  it('shows the server message when the config cannot load', async () => {
    const api = createApiStub().on('GET /api/payments/config', {
      status: 503,
      body: { error: { code: 'store_unavailable', message: 'storage temporarily unavailable' } },
    });
    renderWithPayments(<PricingPage />, { api, token: null });
    expect((await screen.findByRole('alert')).textContent).toContain('storage temporarily unavailable');
  });
});
