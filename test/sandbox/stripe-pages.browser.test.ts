import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, launchBrowser, runAxe, saveScreenshot } from '../support/browser.ts';
import { checkoutInput, type StripeRig, startStripeRig } from './helpers.ts';

let rig: StripeRig;
let browser: Browser;
beforeAll(async () => {
  rig = await startStripeRig();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

/** The sandbox root stands in for the app's success/cancel pages. */
const back = () => ({
  successUrl: `${rig.sandbox.url}/?session_id={CHECKOUT_SESSION_ID}`,
  cancelUrl: `${rig.sandbox.url}/?cancelled=1`,
});

describe('sandbox hosted pages in Chromium', { timeout: 90_000 }, () => {
  it('checkout: accessible, declines 0002 with a clear alert, then pays with 4242 and returns to success_url', async () => {
    const { sessionId, url } = await rig.provider.createCheckout(checkoutInput(back()));
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    // Plain HTML forms: the pages ship no script at all (and their CSP would block one).
    expect(await page.locator('script').count()).toBe(0);
    const violations = await runAxe(page, 'sandbox-checkout');
    expect(violations, describeViolations(violations)).toEqual([]);
    await saveScreenshot(page, 'sandbox-checkout');

    const card = page.getByLabel('Card number');
    expect(await card.inputValue()).toBe('4242 4242 4242 4242');
    await card.fill('4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Pay' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Your card was declined');

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(`${rig.sandbox.url}/?session_id=${sessionId}`);
    expect((await rig.provider.getCheckout(sessionId)).status).toBe('complete');
    await ctx.close();
  });

  it('portal: shows the plan and card, cancels at period end, links back', async () => {
    const { sessionId, url } = await rig.provider.createCheckout(checkoutInput(back()));
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/session_id=/);
    const { customerId } = await rig.provider.getCheckout(sessionId);
    const portal = await rig.provider.createPortal(customerId as string, `${rig.sandbox.url}/?from=portal`);
    await page.goto(portal.url);
    const violations = await runAxe(page, 'sandbox-portal');
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(await page.textContent('main')).toContain('visa ending in 4242');
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByText(/Cancels on \d{4}-\d{2}-\d{2}/).waitFor();
    await page.getByRole('link', { name: 'Return to the app' }).click();
    await page.waitForURL(`${rig.sandbox.url}/?from=portal`);
    await ctx.close();
  });
});
