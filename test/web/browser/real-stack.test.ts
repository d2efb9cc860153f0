/**
 * The UI against the real thing: the `dev` composition (server + worker + sandbox provider + example API)
 * from test/support/stack.ts, driven in Chromium. Covers what the scripted fake cannot: the real config,
 * real JWT sign-in, the real 402 gate, the sandbox's hosted checkout and the webhook landing via the worker.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../../src/web/build.ts';
import { describeViolations, launchBrowser, runAxe, saveScreenshot } from '../../support/browser.ts';
import { startStack, type TestStack } from '../../support/stack.ts';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  stack = await startStack({ web: true });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

describe('web UI against the real server and sandbox', { timeout: 120_000 }, () => {
  it('subscribe flow: sign in → 402 → checkout on the sandbox → verified success → billing → 200', async () => {
    const page = await newPage();
    await page.goto(`${stack.appUrl}/signin`);
    await page.getByRole('button', { name: /Sign in as Alice/ }).click();
    await page.waitForURL(/\/pricing$/);
    await page.getByRole('heading', { level: 1, name: 'Simple pricing' }).waitFor();
    await saveScreenshot(page, 'real-pricing-1280');

    await page.goto(`${stack.appUrl}/demo`);
    const prompt = page.getByRole('region', { name: 'Upgrade to continue' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Reports are part of the Pro and Team plans.');

    await prompt.getByRole('link', { name: 'See plans' }).click();
    await page.getByRole('button', { name: 'Subscribe: Pro' }).click();
    await page.waitForURL((url) => url.origin === new URL(stack.sandboxUrl).origin);
    await page.getByRole('button', { name: 'Pay' }).click();

    await page.waitForURL(/\/payment\/success\?session_id=/);
    await page
      .getByRole('heading', { name: 'Thanks! Your payment is confirmed.' })
      .waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'real-payment-success');

    await page.getByRole('link', { name: 'Go to billing' }).click();
    const panel = page.getByRole('article', { name: 'Pro' });
    await panel.getByText('Active').waitFor();
    expect(await panel.textContent()).toMatch(/Renews on /);
    // The card on file appears once billing/ records payment-method events (not wired server-side yet).
    await page.getByRole('heading', { name: 'Payment method' }).waitFor();
    const serious = await runAxe(page, 'real-billing');
    expect(serious, describeViolations(serious)).toEqual([]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Demo' }).click();
    await page.getByRole('heading', { name: 'Report' }).waitFor();
    await page.context().close();
  });

  it('the success page refuses a made-up session id from the real API', async () => {
    const page = await newPage(375);
    await page.goto(`${stack.appUrl}/signin`);
    await page.getByRole('button', { name: /Sign in as Bob/ }).click();
    await page.waitForURL(/\/pricing$/);
    await page.goto(`${stack.appUrl}/payment/success?session_id=cs_test_not_yours`);
    await page.getByRole('heading', { name: 'We could not confirm this payment' }).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/thank/i);
    await page.context().close();
  });
});
