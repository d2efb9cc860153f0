import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PaymentStatus } from '../../../src/web/lib/api/types.ts';
import { describeViolations, runAxe, saveScreenshot } from '../../support/browser.ts';
import { setupBrowserEnv } from '../support/browser-env.ts';
import { me, proMe, subscription } from '../support/fixtures.ts';

const getEnv = setupBrowserEnv();

async function billingAs(status: PaymentStatus, width = 1280): Promise<Page> {
  getEnv().fake.setStatus('u_alice', { ...status, userId: 'u_alice' });
  const { page } = await getEnv().newPage({ userId: 'u_alice', width });
  await page.goto(`${getEnv().fake.url}/account/billing`);
  await page.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
  await page.locator('[aria-busy="false"]').first().waitFor();
  return page;
}

const states: Array<[string, PaymentStatus, RegExp[]]> = [
  ['none', me(), [/No active subscription/, /No card on file/]],
  ['active', proMe(), [/Active/, /Renews on March 3, 2027/, /Visa ending in 4242/]],
  ['trialing', proMe({ status: 'trialing' }), [/Trial/, /Trial ends on March 3, 2027/]],
  ['past-due', proMe({ status: 'past_due' }), [/Past due/, /Your last payment failed/]],
  ['ending', proMe({ cancelAtPeriodEnd: true }), [/Ending/, /Ends on March 3, 2027/]],
  [
    'canceled',
    me({ subscriptions: [subscription({ status: 'canceled' })] }),
    [/Canceled/, /No active subscription/],
  ],
];

describe('billing page states in Chromium', { timeout: 90_000 }, () => {
  it.each(states)('%s: shows the right state with no serious axe violations', async (name, status, texts) => {
    const page = await billingAs(status, name === 'past-due' ? 375 : 1280);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const t of texts) expect(text).toMatch(t);
    await saveScreenshot(page, `billing-${name}`);
    const serious = await runAxe(page, `billing-${name}`);
    expect(serious, describeViolations(serious)).toEqual([]);
    await page.context().close();
  });

  it('fix payment leaves for the portal on an allowed origin', async () => {
    const page = await billingAs(proMe({ status: 'past_due' }));
    await page.getByRole('button', { name: 'Fix payment' }).click();
    await page.waitForURL(`${getEnv().fake.url}/fake-portal`);
    await page.context().close();
  });

  it('cancel is keyboard operable: confirm dialog traps focus, Escape keeps, confirm cancels', async () => {
    const page = await billingAs(proMe());
    const cancel = page.getByRole('button', { name: 'Cancel subscription' });
    await cancel.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Cancel Pro?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep subscription');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep subscription');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel subscription');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await page.getByText('Ends on March 3, 2027').waitFor();
    expect(await page.getByRole('button', { name: 'Cancel subscription' }).count()).toBe(0);
    await page.context().close();
  });
});
