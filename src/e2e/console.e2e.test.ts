/**
 * The console in a real browser (Debian's Chromium through playwright-core) against the real
 * server with demo data ingested through the API. Waits on selectors and responses, never on
 * time. VIGIL_SCREENSHOTS=1 also refreshes docs/screenshots/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../testing/server.js';
import { launchChromium, screenshot, watchPageErrors } from './browser.js';
import { PASSWORDS, seedDemoEvents, seedUsers } from './seed.js';

let server: TestServer;
let browser: Browser | undefined;
let browserChecked = false;

before(async () => {
  server = await startTestServer();
  await seedDemoEvents(server, 4000);
  await seedUsers(server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function page(t: import('node:test').TestContext): Promise<Page | undefined> {
  if (!browserChecked) {
    browserChecked = true;
    browser = await launchChromium(t); // skips this test with the reason, or fails on CI
    if (!browser) return undefined;
  }
  if (!browser) {
    t.skip('chromium not installed (see the first test of this file)');
    return undefined;
  }
  return browser.newPage({ viewport: { width: 1400, height: 900 } });
}

export async function signIn(p: Page, user: string, password: string): Promise<void> {
  await p.goto(`${server.url}/`);
  await p.fill('input[name=user]', user);
  await p.fill('input[name=password]', password);
  await Promise.all([p.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'), p.click('button[type=submit]')]);
  await p.waitForSelector('[data-test=me]');
}

test('sign in, see the overview, run a search, filter from the sidebar, open an event, see a query error at its column', async (t) => {
  const p = await page(t);
  if (!p) return;
  const errors = watchPageErrors(p);
  try {
    await p.goto(`${server.url}/`);
    await p.fill('input[name=user]', 'root');
    await p.fill('input[name=password]', 'wrong-password-0');
    await p.click('button[type=submit]');
    assert.match(await p.textContent('[role=alert]') ?? '', /wrong user name or password/);
    await signIn(p, 'root', PASSWORDS.admin);
    assert.match(await p.textContent('[data-test=me]') ?? '', /root \(admin\)/);
    await p.waitForSelector('[data-test=source-health] tbody tr');
    await p.waitForSelector('[data-test=rate-chart] canvas');
    await screenshot(p, 'overview');

    await p.click('[data-nav=search]');
    await p.fill('[data-test=query]', 'event.outcome:failure');
    const searched = p.waitForResponse((r) => r.url().includes('/api/v1/search') && decodeURIComponent(r.url()).includes('event.outcome:failure') && !r.url().includes('timechart'));
    await p.click('[data-test=run]');
    assert.equal((await searched).status(), 200);
    await p.waitForSelector('[data-test=results] tbody tr');
    await p.waitForSelector('[data-test=histogram] canvas');
    assert.match(await p.textContent('[data-test=result-summary]') ?? '', /\d+ events/);

    await p.click('[data-field="source"]');
    const filtered = p.waitForResponse((r) => r.url().includes('/api/v1/search') && /source%3A|source:/.test(r.url()) && !r.url().includes('timechart'));
    await p.click('[data-test=filter-in] >> nth=0');
    await filtered;
    assert.match(await p.inputValue('[data-test=query]'), /^event\.outcome:failure source:\S+$/);

    await p.click('[data-test=results] tbody tr >> nth=0');
    await p.waitForSelector('[data-test=event-detail]');
    assert.match(await p.textContent('[data-test=event-detail]') ?? '', /event\.outcome\s*failure/);
    await p.click('[data-tab=native]');
    assert.ok(((await p.textContent('[data-test=native]')) ?? '').length > 2, 'the native record is shown');
    await screenshot(p, 'search');

    await p.fill('[data-test=query]', 'user.name:(alice OR');
    await p.click('[data-test=run]');
    await p.waitForSelector('[data-test=query-error]');
    const caret = (await p.textContent('[data-test=query-error] pre')) ?? '';
    assert.equal(caret, `user.name:(alice OR\n${' '.repeat(19)}^`, 'a caret under the column the API reported (20)');
    assert.deepEqual(errors, []);
  } finally {
    await p.close();
  }
});

test('a read-only user sees no admin pages, cannot change anything, and the API answers 403', async (t) => {
  const p = await page(t);
  if (!p) return;
  try {
    await signIn(p, 'vera', PASSWORDS.viewer);
    assert.equal(await p.locator('[data-nav=users]').count(), 0);
    await p.goto(`${server.url}/#/users`);
    await p.waitForSelector('text=This page is for admins.');
    const statuses = await p.evaluate(async () => {
      const me = (await (await fetch('/api/v1/session/me')).json()) as { csrf: string };
      const h = { 'content-type': 'application/json', 'x-vigil-csrf': me.csrf };
      const users = await fetch('/api/v1/users');
      const ingest = await fetch('/api/v1/ingest', { method: 'POST', headers: h, body: '{}' });
      const rule = await fetch('/api/v1/rules/any', { method: 'PATCH', headers: h, body: JSON.stringify({ enabled: false }) });
      return [users.status, ingest.status, rule.status];
    });
    assert.deepEqual(statuses, [403, 403, 403]);
  } finally {
    await p.close();
  }
});
