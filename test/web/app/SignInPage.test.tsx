// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SignInPage } from '../../../src/web/app/SignInPage.tsx';
import { apiError, createApiStub, json } from '../support/api-stub.ts';
import { publicConfig } from '../support/fixtures.ts';
import { renderWithPayments } from '../support/render.tsx';

describe('SignInPage (demo sign-in)', () => {
  it('lists demo users and exchanges the pick for a token', async () => {
    const api = createApiStub()
      .on('GET /api/dev/users', json({ users: [{ id: 'u_alice', name: 'Alice' }] }))
      .on('POST /api/dev/session', json({ token: 'tok_alice' }));
    const onSignedIn = vi.fn();
    renderWithPayments(<SignInPage onSignedIn={onSignedIn} />, { api, config: publicConfig(), token: null });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in as Alice' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('tok_alice', 'Alice'));
    expect(api.calls.find((c) => c.path === '/api/dev/session')?.body).toEqual({ userId: 'u_alice' });
  });

  it('is not offered when the server does not enable devSignIn', () => {
    const api = createApiStub();
    const config = publicConfig({ capabilities: { devSignIn: false } });
    renderWithPayments(<SignInPage onSignedIn={vi.fn()} />, { api, config, token: null });
    expect(screen.getByText(/demo sign-in is turned off/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(api.calls).toHaveLength(0);
  });

  it('shows the server message when the session cannot be created', async () => {
    const api = createApiStub()
      .on('GET /api/dev/users', json({ users: [{ id: 'u_x', name: 'X' }] }))
      .on('POST /api/dev/session', apiError(400, 'invalid_request', 'unknown demo user'));
    renderWithPayments(<SignInPage onSignedIn={vi.fn()} />, { api, config: publicConfig(), token: null });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in as X' }));
    expect((await screen.findByRole('alert')).textContent).toBe('unknown demo user');
    expect(screen.getByRole('button', { name: 'Sign in as X' })).toHaveProperty('disabled', false);
  });
});
