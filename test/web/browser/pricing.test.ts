import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../../src/web/build.ts';
import { describeViolations, runAxe, saveScreenshot } from '../../support/browser.ts';
import { setupBrowserEnv } from '../support/browser-env.ts';

const getEnv = setupBrowserEnv();

async function openPricing(width: number, userId?: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await getEnv().newPage({ width, height: 900, userId });
  await opened.page.goto(`${getEnv().fake.url}/pricing`);
  await opened.page.getByRole('article', { name: 'Pro' }).waitFor();
  return opened;
}

describe('pricing page in Chromium', { timeout: 90_000 }, () => {
  it.each([375, 1280])('renders at %i px without horizontal scrolling (screenshot saved)', async (width) => {
    const { page, errors } = await openPricing(width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Plans for every team');
    expect(await page.getByRole('article').count()).toBe(3);
    const boxes = await page
      .getByRole('article')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    // One column on phones, one row on desktop.
    if (width === 375) expect(new Set(boxes).size).toBe(3);
    else expect(new Set(boxes.map(Math.round)).size).toBe(1);
    const path = await saveScreenshot(page, `pricing-${width}`);
    expect(path).toMatch(/test-results\/pricing-\d+\.png$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('switches monthly/yearly with the keyboard and shows a visible focus ring', async () => {
    const { page } = await openPricing(1280);
    await page.getByRole('radio', { name: 'Monthly' }).focus();
    const ring = await page.evaluate(
      () => getComputedStyle(document.activeElement!.closest('label')!).boxShadow,
    );
    expect(ring).not.toBe('none');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('article', { name: 'Pro' }).getByText('$290').waitFor();
    expect(await page.getByRole('radio', { name: /Yearly/ }).isChecked()).toBe(true);
    await page.context().close();
  });

  it('does not shift layout while the config loads (CLS < 0.1)', async () => {
    getEnv().fake.configDelayMs = 1500;
    try {
      const { page } = await getEnv().newPage({ width: 1280 });
      await page.addInitScript(() => {
        (window as unknown as { __cls: number }).__cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<
            PerformanceEntry & { value: number; hadRecentInput: boolean }
          >) {
            if (!entry.hadRecentInput) (window as unknown as { __cls: number }).__cls += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${getEnv().fake.url}/pricing`);
      await page.getByRole('status', { name: 'Loading plans' }).waitFor();
      await page.getByRole('article', { name: 'Pro' }).waitFor();
      await page.waitForTimeout(200);
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
      expect(cls).toBeLessThan(0.1);
      await page.context().close();
    } finally {
      getEnv().fake.configDelayMs = 0;
    }
  });

  it('has no card input anywhere and no serious axe violations (signed in, current plan marked)', async () => {
    getEnv().fake.setStatus('u_bob', {
      userId: 'u_bob',
      plan: 'free',
      entitlements: [],
      subscriptions: [],
      paymentMethod: null,
    });
    const { page } = await openPricing(1280, 'u_bob');
    await page.getByRole('article', { name: 'Free' }).getByText('Your current plan').waitFor();
    expect(await page.locator('input[autocomplete^="cc-"], input[name*="card" i], iframe').count()).toBe(0);
    const serious = await runAxe(page, 'pricing');
    expect(serious, describeViolations(serious)).toEqual([]);
    await page.context().close();
  });

  it('build under NODE_ENV=test still ships the production React bundle (regression: 2x size dev build)', () => {
    expect(process.env.NODE_ENV).toBe('test');
    const assets = join(WEB_DIST, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const source = js.map((f) => readFileSync(join(assets, f), 'utf8')).join('');
    expect(source).toContain('Minified React error');
    expect(source.length).toBeLessThan(350_000);
  });

  it('redirects / to /pricing', async () => {
    const { page } = await getEnv().newPage();
    await page.goto(`${getEnv().fake.url}/`);
    await page.waitForURL(/\/pricing$/);
    await page.context().close();
  });
});
