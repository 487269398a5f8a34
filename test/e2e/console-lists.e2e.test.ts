/**
 * Lists fit for a day's work, in the privacy officer's console, in real Chromium against a local
 * gateway: the grants list hides ended grants by default, filters by status, agency and purpose,
 * searches and pages; the Approvals tab counts what waits; purposes, systems, officers and the
 * approvals lists search and filter; the timeline hides ended windows by default; the same tools in
 * Khmer, with purposes named by their Khmer titles. Screenshots go to test-results/console-lists/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactDir, hasChromium } from './browser.js';
import type { ConsoleWorld } from './console-fixture.js';
import { closeConsole, openConsole } from './console-browser.js';

const PORT = 8878;
const SHOTS = artefactDir('console-lists');
const KHMER = /[\u1780-\u17FF]/;
/** The justice purpose's Khmer title (the demo configuration's). */
const JUSTICE_KM = 'ការពិនិត្យសំណុំរឿង ដោយក្រសួងយុត្តិធម៌';
/** Grants requested here for the justice ministry, so that the list runs to a second page of 20. */
const MORE = 21;

let world: ConsoleWorld;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
const revoked: string[] = [];

const admin = () => {
  const officer = world.local.officers[0];
  if (officer === undefined) throw new Error('no bootstrap officer');
  return officer;
};

beforeAll(async () => {
  if (!hasChromium) return;
  ({ world, browser, context, page } = await openConsole(PORT, { violations }, async (started) => {
    world = started; // admin() below reads it
    const now = Date.now();
    for (let i = 0; i < MORE; i++) {
      const grant = await admin().post<{ id: string }>('/grants', {
        purpose_id: 'justice-case-review',
        agency_id: 'ministry-of-justice',
        not_before: new Date(now + i * 3600_000).toISOString(),
        not_after: new Date(now + (i + 48) * 3600_000).toISOString(),
        data_life_seconds: 3600,
        note: `Referred case ${1000 + i}`,
      });
      if (i === 0) {
        await admin().post(`/grants/${grant.id}/revoke`, { reason: 'asked by mistake' });
        revoked.push(grant.id);
      }
    }
    await admin().post('/officers', { id: 'moh-officer-lists', agency_id: 'moh-tracing', name: 'Chenda Keo', reason: 'new tracer' });
  }));
});

afterAll(() => closeConsole({ world, browser, context }));

const ready = (hash: string) => page.waitForSelector(`#app[data-ready="${hash}"]`, { timeout: 15_000 });
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const list = (name: string) => page.locator(`[data-list="${name}"]`);
const total = async (name: string) => Number(await list(name).locator('[data-list-total]').getAttribute('data-list-total'));

describe.skipIf(!hasChromium)('lists fit for work, in the console (needs Debian’s chromium)', () => {
  it('counts the requests waiting on the Approvals tab', async () => {
    await ready('#/grants');
    const waiting = (await admin().get<{ requests: unknown[] }>('/grant-requests')).requests.length;
    const registry = (await admin().get<{ requests: unknown[] }>('/requests?status=pending')).requests.length;
    const badge = page.locator('nav.tabs a[href="#/approvals"] .count-badge');
    await expect.poll(() => badge.getAttribute('data-approvals-waiting')).toBe(String(waiting + registry));
    expect(waiting).toBeGreaterThanOrEqual(MORE - 1);
    expect(await badge.isVisible()).toBe(true);
  });

  it('hides ended grants by default, filters, searches and pages the grants', async () => {
    const grants = list('grants');
    const all = (await admin().get<{ grants: { status: string }[] }>('/grants')).grants;
    const live = all.filter((g) => g.status !== 'revoked' && g.status !== 'expired').length;
    expect(await total('grants')).toBe(live);
    expect(await grants.locator(`tr[data-grant="${revoked[0]}"]`).count()).toBe(0);
    expect(await grants.locator('tr[data-grant]').count()).toBe(20);
    await grants.getByRole('button', { name: 'Next →' }).click();
    expect(await grants.locator('tr[data-grant]').count()).toBe(live - 20);
    await grants.getByLabel('Hide ended').uncheck();
    expect(await total('grants')).toBe(all.length);
    await grants.getByLabel('Status').selectOption('revoked');
    expect(await grants.locator('tr[data-grant]').count()).toBe(1);
    expect(await grants.locator(`tr[data-grant="${revoked[0]}"]`).count()).toBe(1);
    await grants.getByLabel('Status').selectOption('');
    await grants.getByLabel('Agency').selectOption('moh-tracing');
    const tracing = all.length - MORE - 1;
    expect(await total('grants')).toBeLessThanOrEqual(tracing);
    await grants.getByLabel('Agency').selectOption('');
    await grants.getByLabel('Search').fill('referred case 1007');
    expect(await total('grants')).toBe(1);
    await shot('grants-search');
    await grants.getByLabel('Search').fill('');
    await grants.getByLabel('Hide ended').check();
  });

  it('hides ended windows on the timeline by default, and shows them when asked', async () => {
    const timeline = page.locator('section[aria-labelledby="timeline-title"]');
    const bar = (id: string) => timeline.locator(`svg.timeline g.bar[data-grant="${id}"]`);
    expect(await timeline.getByLabel('Hide ended').isChecked()).toBe(true);
    expect(await bar(revoked[0] ?? '').count()).toBe(0);
    expect(await timeline.locator('svg.timeline g.bar-ended').count()).toBe(0);
    await timeline.getByLabel('Hide ended').uncheck();
    await expect.poll(() => bar(revoked[0] ?? '').count()).toBe(1);
    expect(await bar(revoked[0] ?? '').getAttribute('class')).toContain('bar-ended');
    await timeline.getByLabel('Hide ended').check();
    await expect.poll(() => bar(revoked[0] ?? '').count()).toBe(0);
  });

  it('filters purposes, systems, officers and the approvals lists', async () => {
    await page.locator('nav.tabs a[href="#/purposes"]').click();
    await ready('#/purposes');
    await list('purposes').getByLabel('Agency').selectOption('moh-tracing');
    await expect.poll(() => list('purposes').locator('tr[data-purpose]').first().getAttribute('data-purpose')).toBe('covid-contact-tracing');
    expect(await list('purposes').locator('tr[data-purpose="justice-case-review"]').count()).toBe(0);

    await page.locator('nav.tabs a[href="#/registry"]').click();
    await ready('#/registry');
    await list('clients').getByLabel('Search').fill('moh-tracing-app');
    expect(await total('clients')).toBe(1);
    await list('officers').getByLabel('Search').fill('chenda');
    expect(await total('officers')).toBe(1);
    await list('officers').getByLabel('Status').selectOption('active');
    expect(await total('officers')).toBe(0);
    await list('officers').getByLabel('Status').selectOption('');
    await list('officers').getByLabel('Search').fill('no officer is called this');
    expect(await list('officers').locator('[data-list-empty]').textContent()).toBe('Nothing matches this search and these filters.');

    await page.locator('nav.tabs a[href="#/approvals"]').click();
    await ready('#/approvals');
    const requests = list('grant-requests');
    expect(await total('grant-requests')).toBeGreaterThanOrEqual(MORE - 1);
    await requests.getByLabel('Search').fill('justice');
    expect(await total('grant-requests')).toBeGreaterThanOrEqual(MORE - 1);
    await requests.getByLabel('Agency').selectOption('moh-tracing');
    expect(await requests.locator('tr[data-request]').count()).toBeLessThan(MORE);
  });

  it('offers the same tools in Khmer', async () => {
    await page.locator('[data-lang="km"]').click();
    await page.locator('nav.tabs a[href="#/grants"]').click();
    await ready('#/grants');
    expect(await list('grants').locator('.list-tools').textContent()).toMatch(KHMER);
    expect(await list('grants').locator('.list-tools').textContent()).toContain('លាក់អ្វីដែលបានបញ្ចប់');
    // Purposes are named by their Khmer titles: in the list, its filter and the timeline.
    expect(await list('grants').locator('tbody').textContent()).toContain(JUSTICE_KM);
    expect(await list('grants').getByRole('combobox').filter({ hasText: JUSTICE_KM }).count()).toBe(1);
    expect(await page.locator('svg.timeline desc').textContent()).toContain(JUSTICE_KM);
    await shot('grants-khmer');
    await page.locator('[data-lang="en"]').click();
  });

  it('ran under its content security policy', () => {
    expect(violations).toEqual([]);
  });
});
