/**
 * The console in a real browser (Debian's Chromium through playwright-core) against the real
 * server with demo data ingested through the API. Waits on selectors and responses, never on
 * time. VIGIL_SCREENSHOTS=1 also refreshes docs/screenshots/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
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

/**
 * An element's box once it is laid out. A chart redraw replaces its elements, and a box asked
 * for between the old one leaving and the new one arriving is null: ask again, each time after
 * waiting for the element to be visible (no timing assumption).
 */
async function layoutOf(locator: Locator, attempts = 20): Promise<{ x: number; y: number; width: number; height: number } | null> {
  for (let i = 0; i < attempts; i++) {
    await locator.waitFor({ state: 'visible' });
    const box = await locator.boundingBox();
    if (box) return box;
  }
  return null;
}

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
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Generous: CI runs these beside the rest of the suite on two cores. Waits end on a condition.
  p.setDefaultTimeout(90_000);
  return p;
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
    // Each wait for a response runs together with the action that causes it (Promise.all), so a
    // failing action reports itself instead of leaving the wait to reject unhandled.
    const [searched] = await Promise.all([
      p.waitForResponse((r) => r.url().includes('/api/v1/search') && decodeURIComponent(r.url()).includes('event.outcome:failure') && !r.url().includes('timechart')),
      // The histogram is drawn (and redrawn) when its own timechart query answers.
      p.waitForResponse((r) => r.url().includes('/api/v1/search') && decodeURIComponent(r.url()).includes('event.outcome:failure') && r.url().includes('timechart')),
      p.click('[data-test=run]'),
    ]);
    assert.equal(searched.status(), 200);
    await p.waitForSelector('[data-test=results] tbody tr');
    await p.waitForSelector('[data-test=histogram] canvas');
    assert.match(await p.textContent('[data-test=result-summary]') ?? '', /\d+ events/);

    // Dragging across the histogram zooms into that absolute range.
    const plot = await layoutOf(p.locator('[data-test=histogram] .u-over'));
    assert.ok(plot, 'the histogram is laid out');
    const [zoomed] = await Promise.all([
      p.waitForResponse((r) => r.url().includes('/api/v1/search') && /from=\d{4}-/.test(r.url()) && !r.url().includes('timechart')),
      (async () => {
        await p.mouse.move(plot.x + plot.width * 0.2, plot.y + plot.height / 2);
        await p.mouse.down();
        await p.mouse.move(plot.x + plot.width * 0.8, plot.y + plot.height / 2, { steps: 5 });
        await p.mouse.up();
      })(),
    ]);
    assert.equal(zoomed.status(), 200);
    assert.equal(await p.inputValue('[data-test=time-mode]'), 'absolute');
    await p.selectOption('[data-test=time-mode]', 'relative');
    await p.selectOption('[data-test=time-range]', '-24h');

    await p.click('[data-field="source"]');
    await Promise.all([
      p.waitForResponse((r) => r.url().includes('/api/v1/search') && /source%3A|source:/.test(r.url()) && !r.url().includes('timechart')),
      p.click('[data-test=filter-in] >> nth=0'),
    ]);
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

    await p.click('[data-nav=sources]');
    await p.waitForSelector('[data-test=components]');
    await p.waitForSelector('[data-test=source-health] tbody tr');
    await screenshot(p, 'sources');
    await p.click('[data-nav=audit]');
    await p.waitForSelector('[data-test=audit] tbody tr');
    await p.click('[data-test=verify]');
    assert.match((await p.textContent('[data-test=verify-result]')) ?? '', /intact: \d+ entries/);
    await screenshot(p, 'audit');
    assert.deepEqual(errors, []);
  } finally {
    await p.close();
  }
});

test('bulk-acknowledge alerts, open an incident from the queue, see its timeline and process tree, change its status and comment', async (t) => {
  const p = await page(t);
  if (!p) return;
  const errors = watchPageErrors(p);
  try {
    await signIn(p, 'ana', PASSWORDS.analyst);
    await p.click('[data-nav=alerts]');
    await p.waitForSelector('[data-test=alerts] tbody tr');
    await screenshot(p, 'alerts');
    await p.check('[data-test=alerts] tbody tr >> nth=0 >> input[type=checkbox]');
    await p.check('[data-test=alerts] tbody tr >> nth=1 >> input[type=checkbox]');
    await p.selectOption('[data-test=bulk-status]', 'acknowledged');
    const [bulkAnswer] = await Promise.all([p.waitForResponse((r) => r.url().endsWith('/api/v1/alerts/bulk')), p.click('[data-test=bulk-apply]')]);
    assert.equal(bulkAnswer.status(), 200);
    assert.equal(((await bulkAnswer.json()) as { updated: number }).updated, 2);
    await p.waitForSelector('[data-test=alerts] tbody tr:has-text("acknowledged")');
    await p.click('[data-nav=incidents]');
    await p.click('[data-test=incident-link] >> nth=0');
    await p.waitForSelector('[data-test=incident]');
    await p.waitForSelector('[data-test=timeline] tbody tr');
    await p.waitForSelector('[data-test=process-tree] li');
    await screenshot(p, 'incident');
    await p.locator('[data-test=process-tree]').scrollIntoViewIfNeeded();
    await screenshot(p, 'incident-process-tree');

    await p.selectOption('[data-test=incident-status]', 'in_progress');
    await p.fill('[data-test=incident-assignee]', 'ana');
    const [patched] = await Promise.all([
      p.waitForResponse((r) => /\/api\/v1\/incidents\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH'),
      p.click('[data-test=incident-save]'),
    ]);
    assert.equal(patched.status(), 200);
    await p.waitForSelector('[data-test=saved]');
    await p.fill('[data-test=comment]', 'Contained: host isolated.');
    const [commented] = await Promise.all([p.waitForResponse((r) => r.url().endsWith('/comments') && r.request().method() === 'POST'), p.click('text=Add comment')]);
    assert.equal(commented.status(), 201);
    await p.waitForSelector('.comments li:has-text("Contained: host isolated.")');

    const id = decodeURIComponent(new URL(p.url()).hash.split('/')[2]);
    const detail = (await (await server.request(`/api/v1/incidents/${encodeURIComponent(id)}`)).json()) as { incident: { status: string; assignee: string } };
    assert.deepEqual([detail.incident.status, detail.incident.assignee], ['in_progress', 'ana']);
    const audit = (await (await server.request('/api/v1/audit?actor=ana')).json()) as { entries: Array<{ action: string; target: Record<string, unknown> }> };
    const change = audit.entries.find((e) => e.action === 'PATCH /api/v1/incidents/:id');
    assert.deepEqual(change?.target, { id, status: 'in_progress', assignee: 'ana' });
    assert.deepEqual(errors, []);
  } finally {
    await p.close();
  }
});

test('disable a rule from the rules page, view its source, test it against an event', async (t) => {
  const p = await page(t);
  if (!p) return;
  try {
    await signIn(p, 'ana', PASSWORDS.analyst);
    await p.click('[data-nav=rules]');
    const row = p.locator('[data-test=rules] tbody tr', { hasText: 'Certutil' }).first();
    await row.waitFor();
    const ruleId = await row.getAttribute('data-rule');
    assert.ok(ruleId);
    const [patched] = await Promise.all([
      p.waitForResponse((r) => r.url().includes('/api/v1/rules/') && r.request().method() === 'PATCH'),
      row.locator('[data-test=rule-enabled]').uncheck(),
    ]);
    assert.equal(patched.status(), 200);
    await p.waitForSelector(`[data-rule="${ruleId}"] [data-test=rule-enabled]:not(:checked)`);
    const rules = (await (await server.request('/api/v1/rules')).json()) as { rules: Array<{ id: string; enabled: boolean }> };
    assert.equal(rules.rules.find((r) => r.id === ruleId)?.enabled, false);

    await row.locator('a').click();
    await p.waitForSelector('[data-test=rule-yaml]');
    assert.match((await p.textContent('[data-test=rule-yaml]')) ?? '', /certutil/i);
    // The prefilled sample is a Sysmon certutil download: the rule matches it even while disabled.
    await p.click('[data-test=test-rule]');
    await p.waitForSelector('[data-test=test-result]');
    assert.match((await p.textContent('[data-test=test-result]')) ?? '', /^matched/);
    await p.fill('[data-test=test-event]', JSON.stringify({ Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: { Image: 'C:\\Windows\\notepad.exe', CommandLine: 'notepad a.txt' } } }));
    await p.click('[data-test=test-rule]');
    await p.waitForSelector('[data-test=test-result]:has-text("no match")');
    await screenshot(p, 'rules');
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
    await p.goto(`${server.url}/#/rules`);
    await p.waitForSelector('[data-test=rules] tbody tr');
    assert.equal(await p.locator('[data-test=rule-enabled]:not([disabled])').count(), 0, 'rule switches are read-only');
    await p.goto(`${server.url}/#/incidents`);
    await p.click('[data-test=incident-link] >> nth=0');
    await p.waitForSelector('[data-test=incident-status][disabled]');
    const statuses = await p.evaluate(async () => {
      const me = (await (await fetch('/api/v1/session/me')).json()) as { csrf: string };
      const h = { 'content-type': 'application/json', 'x-vigil-csrf': me.csrf };
      const users = await fetch('/api/v1/users');
      const ingest = await fetch('/api/v1/ingest', { method: 'POST', headers: h, body: '{}' });
      const rule = await fetch('/api/v1/rules/any', { method: 'PATCH', headers: h, body: JSON.stringify({ enabled: false }) });
      const incident = await fetch('/api/v1/incidents/any', { method: 'PATCH', headers: h, body: JSON.stringify({ status: 'closed' }) });
      return [users.status, ingest.status, rule.status, incident.status];
    });
    assert.deepEqual(statuses, [403, 403, 403, 403]);
  } finally {
    await p.close();
  }
});
