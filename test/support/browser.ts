/**
 * Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core. Never skipped — a
 * missing browser fails the suite with a message saying how to install it (CI does: apt-get install chromium).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The machine's flags: headless, no sandbox (root in containers), nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots and other artifacts (gitignored). */
export const ARTIFACTS_DIR = join(REPO, 'test-results');

/**
 * Launches Chromium with a fresh profile (playwright creates and deletes a temporary user-data-dir per
 * launch; passing --user-data-dir ourselves is refused by playwright for non-persistent launches).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Browser tests need Debian's chromium package: apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60_000,
  });
}

/** Saves a full-page PNG under test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * Runs axe-core (injected from node_modules) on the current page; returns violations of at least
 * `minImpact`. A JSON report of every violation is written to test-results/axe-<name>.json.
 */
export async function runAxe(
  page: Page,
  name: string,
  minImpact: 'serious' | 'critical' = 'serious',
): Promise<AxeViolation[]> {
  const source = readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol, not as an inline <script>: works under the app's strict CSP.
  await page.evaluate(source);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(join(ARTIFACTS_DIR, `axe-${name}.json`), JSON.stringify(violations, null, 2));
  const rank = { minor: 1, moderate: 2, serious: 3, critical: 4 } as const;
  return violations.filter((v) => v.impact !== null && rank[v.impact] >= rank[minImpact]);
}

/** One line per violation, for readable assertion failures. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
}
