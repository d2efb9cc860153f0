/**
 * One browser-test environment: a fresh build of the UI (only if sources changed), the scripted fake API
 * serving it on 127.0.0.1:0, and real Chromium. Pages record console errors so tests can assert none.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureWebBuilt } from '../../../src/web/build.ts';
import { launchBrowser } from '../../support/browser.ts';
import { type FakeApi, startFakeApi } from './fake-api.ts';

export interface PageOptions {
  width?: number;
  height?: number;
  /** Signed in as this user (token placed in localStorage before the app boots). */
  userId?: string;
}

export interface BrowserEnv {
  fake: FakeApi;
  browser: Browser;
  newPage(opts?: PageOptions): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/**
 * Registers beforeAll/afterAll for a suite and returns a getter for its environment (valid inside tests).
 */
export function setupBrowserEnv(): () => BrowserEnv {
  let env: BrowserEnv | undefined;
  beforeAll(async () => {
    env = await startBrowserEnv();
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });
  return () => {
    if (!env) throw new Error('browser environment not started');
    return env;
  };
}

export async function startBrowserEnv(): Promise<BrowserEnv> {
  const webDir = await ensureWebBuilt();
  const fake = await startFakeApi(webDir);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await fake.close();
    throw e;
  }
  return {
    fake,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
      });
      if (opts.userId) {
        const token = fake.tokenFor(opts.userId);
        const name = fake.users.find((u) => u.id === opts.userId)?.name ?? opts.userId;
        await context.addInitScript(
          ([t, n]) => {
            window.localStorage.setItem('uigen-pay.token', t);
            window.localStorage.setItem('uigen-pay.user-name', n);
          },
          [token, name],
        );
      }
      const page = await context.newPage();
      // Fail at the step that is stuck (with playwright's locator message), well before the test timeout.
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        // Expected API answers (401/402/404 on purpose) show up as failed-resource console lines; ignore those.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
      });
      return { page, errors };
    },
    async close() {
      await browser.close();
      await fake.close();
    },
  };
}
