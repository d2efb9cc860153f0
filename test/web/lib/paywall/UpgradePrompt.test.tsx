// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UpgradePrompt } from '../../../../src/web/lib/paywall/UpgradePrompt.tsx';
import { renderWithPayments } from '../../support/render.tsx';

describe('UpgradePrompt', () => {
  it('shows a custom message and links to redirectTo', () => {
    renderWithPayments(<UpgradePrompt message="Reports need the Pro plan." redirectTo="/pricing?plan=pro" />);
    expect(screen.getByRole('heading', { level: 2, name: 'Upgrade to continue' })).toBeTruthy();
    expect(screen.getByText('Reports need the Pro plan.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See plans' }).getAttribute('href')).toBe('/pricing?plan=pro');
  });

  it('never links off-site from a redirectTo hint (no open redirect)', () => {
    renderWithPayments(<UpgradePrompt redirectTo="https://evil.test/pricing" />);
    expect(screen.getByRole('link', { name: 'See plans' }).getAttribute('href')).toBe('/pricing');
    screenCleanupAndRender('//evil.test/x');
    screenCleanupAndRender('javascript:alert(1)');
  });

  it('has a full-page variant with a top-level heading', () => {
    renderWithPayments(<UpgradePrompt variant="page" title="Pro feature" actionLabel="Upgrade" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Pro feature' })).toBeTruthy();
    expect(screen.getByText('This feature is part of a paid plan.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Upgrade' }).getAttribute('href')).toBe('/pricing');
  });
});

function screenCleanupAndRender(redirectTo: string) {
  const { unmount } = renderWithPayments(
    <UpgradePrompt redirectTo={redirectTo} actionLabel={`go ${redirectTo}`} />,
  );
  expect(screen.getByRole('link', { name: `go ${redirectTo}` }).getAttribute('href')).toBe('/pricing');
  unmount();
}
