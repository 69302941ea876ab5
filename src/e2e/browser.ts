/**
 * Debian's Chromium driven by playwright-core (no bundled browser download). When
 * /usr/bin/chromium is absent the test skips with a visible message on a developer machine
 * and fails when CI=true (.ci/run installs the `chromium` package).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { requireTool } from '../testing/corpora.js';
import { projectRoot } from '../testing/project-root.js';

export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(t: TestContext): Promise<Browser | undefined> {
  if (!requireTool(t, existsSync(CHROMIUM), 'chromium', `apt-get install -y chromium, or set VIGIL_CHROMIUM; looked for ${CHROMIUM}`)) return undefined;
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Collects console errors and CSP violations, which a test asserts are absent. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) errors.push(`console: ${msg.text()}`); // API answers 4xx on purpose (bad query, refused); 5xx is a bug
  });
  return errors;
}

/** With VIGIL_SCREENSHOTS=1 the e2e test keeps pictures of the main pages in docs/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.VIGIL_SCREENSHOTS !== '1') return;
  const dir = join(projectRoot(import.meta.url), 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}
