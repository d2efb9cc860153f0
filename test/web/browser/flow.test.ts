import { describe, expect, it } from 'vitest';
import { describeViolations, runAxe, saveScreenshot } from '../../support/browser.ts';
import { setupBrowserEnv } from '../support/browser-env.ts';
import { me } from '../support/fixtures.ts';

const getEnv = setupBrowserEnv();

describe('subscribe flow in Chromium (scripted API)', { timeout: 90_000 }, () => {
  it('demo sign-in → 402 prompt → pricing → hosted checkout → verified success → the call returns 200', async () => {
    const { page, errors } = await getEnv().newPage({ width: 1280 });
    await page.goto(`${getEnv().fake.url}/signin`);
    await page.getByRole('button', { name: 'Sign in as Alice' }).click();
    await page.waitForURL(/\/pricing$/);
    await page.getByRole('banner').getByText('Alice').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Demo' }).click();
    const prompt = page.getByRole('region', { name: 'Upgrade to continue' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Reports are part of the Pro plan.');
    const serious = await runAxe(page, 'demo-402');
    expect(serious, describeViolations(serious)).toEqual([]);
    await saveScreenshot(page, 'demo-402');

    await prompt.getByRole('link', { name: 'See plans' }).click();
    await page.getByRole('button', { name: 'Start free trial: Pro' }).click();
    await page.waitForURL(/\/fake-checkout\/cs_test_/);
    await page.getByRole('button', { name: 'Pay now' }).click();

    await page.waitForURL(/\/payment\/success\?session_id=cs_test_/);
    // The webhook lands ~1.2 s after the redirect: the page polls /me, then thanks.
    await page
      .getByRole('heading', { name: 'Thanks! Your payment is confirmed.' })
      .waitFor({ timeout: 15_000 });
    await saveScreenshot(page, 'payment-success');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Demo' }).click();
    await page.getByRole('heading', { name: 'Report' }).waitFor();
    expect(await page.locator('pre').textContent()).toContain('Quarterly revenue');
    await page.goto(`${getEnv().fake.url}/pricing`);
    await page.getByRole('article', { name: 'Pro' }).getByText('Your current plan').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("never thanks a visitor for someone else's session id", async () => {
    getEnv().fake.setStatus('u_carol', me({ userId: 'u_carol' }));
    const owner = await getEnv().newPage({ userId: 'u_carol' });
    await owner.page.goto(`${getEnv().fake.url}/pricing`);
    await owner.page.getByRole('button', { name: 'Start free trial: Pro' }).click();
    await owner.page.waitForURL(/\/fake-checkout\//);
    const sessionId = owner.page.url().split('/').pop()!;
    await owner.page.getByRole('button', { name: 'Pay now' }).click();
    await owner.page.waitForURL(/\/payment\/success/);
    await owner.page.context().close();

    const stranger = await getEnv().newPage({ userId: 'u_bob' });
    await stranger.page.goto(`${getEnv().fake.url}/payment/success?session_id=${sessionId}`);
    await stranger.page.getByRole('heading', { name: 'We could not confirm this payment' }).waitFor();
    expect(await stranger.page.locator('main').textContent()).not.toMatch(/thank/i);
    const serious = await runAxe(stranger.page, 'success-unverified');
    expect(serious, describeViolations(serious)).toEqual([]);
    await stranger.page.context().close();

    const anonymous = await getEnv().newPage();
    await anonymous.page.goto(`${getEnv().fake.url}/payment/success?session_id=${sessionId}`);
    await anonymous.page.getByRole('heading', { name: 'We could not confirm this payment' }).waitFor();
    await anonymous.page.context().close();
  });

  it('cancel page reassures and the header signs out', async () => {
    const { page } = await getEnv().newPage({ userId: 'u_bob' });
    await page.goto(`${getEnv().fake.url}/payment/cancel`);
    await page.getByRole('heading', { name: 'Checkout canceled' }).waitFor();
    await page.getByRole('button', { name: /^Sign out/ }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('uigen-pay.token'))).toBeNull();
    await page.context().close();
  });
});
