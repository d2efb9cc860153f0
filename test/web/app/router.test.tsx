// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { interceptLinkClick, navigate, useLocation } from '../../../src/web/app/router.ts';
import { displayName } from '../../../src/web/app/session.ts';

afterEach(cleanup);

function Probe() {
  const { pathname, search } = useLocation();
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: test harness mirrors App's delegated link handler
    // biome-ignore lint/a11y/noStaticElementInteractions: same
    <div onClick={interceptLinkClick}>
      <p data-testid="where">{`${pathname}${search}`}</p>
      <a href="/account/billing">Billing</a>
      <a href="https://elsewhere.test/x">External</a>
      <a href="#main">Skip</a>
    </div>
  );
}

describe('client-side routing', () => {
  it('turns in-app link clicks into history pushes and leaves other links alone', () => {
    window.history.replaceState(null, '', '/pricing');
    render(<Probe />);
    expect(screen.getByTestId('where').textContent).toBe('/pricing');
    const inApp = fireEvent.click(screen.getByRole('link', { name: 'Billing' }));
    expect(inApp).toBe(false); // default prevented: no full page load
    expect(screen.getByTestId('where').textContent).toBe('/account/billing');
    expect(fireEvent.click(screen.getByRole('link', { name: 'External' }))).toBe(true);
    expect(fireEvent.click(screen.getByRole('link', { name: 'Skip' }))).toBe(true);
  });

  it('follows navigate() and the back button', () => {
    window.history.replaceState(null, '', '/pricing');
    render(<Probe />);
    act(() => navigate('/payment/success?session_id=cs_1'));
    expect(screen.getByTestId('where').textContent).toBe('/payment/success?session_id=cs_1');
    act(() => {
      window.history.replaceState(null, '', '/demo');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByTestId('where').textContent).toBe('/demo');
  });
});

describe('displayName', () => {
  it('prefers the remembered demo name, else the token subject, never throws on junk', () => {
    window.localStorage.clear();
    const token = `x.${btoa(JSON.stringify({ sub: 'user_alice' })).replace(/=+$/, '')}.sig`;
    expect(displayName(token)).toBe('user_alice');
    expect(displayName('not-a-jwt')).toBe('Signed in');
    expect(displayName(null)).toBeNull();
    window.localStorage.setItem('uigen-pay.user-name', 'Alice');
    expect(displayName(token)).toBe('Alice');
    window.localStorage.clear();
  });
});
