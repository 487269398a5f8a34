/**
 * Who saw what, in the privacy officer's console, in real Chromium against a local gateway: the
 * disclosure log filtered (agency, outcome, officer or system, dates), paged, a row's entry checked
 * against the signed log in the browser, the filtered rows exported as CSV, and the view in Khmer.
 * No row names a person. Screenshots go to test-results/console-log/.
 */
import { GatewaySession, signingKeyFromJwk } from '@need2know/client';
import { generateDataset } from '@need2know/demo-data';
import { DEFAULT_TIME_ZONE, localDate } from '@need2know/zoned-time';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KHMER_MONTHS, khmerDigits } from '../../gateway/console/src/i18n/khmer-format.js';
import { artefactDir, hasChromium } from './browser.js';
import { FETCHED, STATED_REASON, type ConsoleWorld } from './console-fixture.js';
import { closeConsole, openConsole, readmeShot } from './console-browser.js';

const PORT = 8876;
const SHOTS = artefactDir('console-log');
const KHMER = /[\u1780-\u17FF]/;
/** Fetches made here on top of the fixture's, so that the tracing partner's rows fill two pages of 25. */
const MORE = 24;
const TRACER = 'moh-tracing-app';

/** Today on the gateway's calendar (its default zone, as wrangler.toml sets it), on which the log's days are read. */
const today = () => localDate(DEFAULT_TIME_ZONE, Date.now());
/**
 * The day the log's rows were written on, taken before the world is made. A run that crosses
 * midnight in Phnom Penh (17:00 UTC) has rows of that day while "today" is already the next one.
 */
let firstDay: string;
let world: ConsoleWorld;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  firstDay = today();
  ({ world, browser, context, page } = await openConsole(PORT, { violations, acceptDownloads: true }, async (world) => {
    const tracer = world.clients.find((c) => c.client_id === TRACER);
    if (tracer === undefined) throw new Error('no tracing partner');
    const session = await GatewaySession.open({
      issuer: world.url,
      clientId: tracer.client_id,
      signingKey: await signingKeyFromJwk(tracer.signing_jwk),
      request: { authorizationDetails: [{ type: 'record_access', purpose: 'covid-contact-tracing' }] },
    });
    const dataset = generateDataset({ persons: 40 });
    for (let i = 0; i < MORE; i++) await session.fetch(`/v1/records/person/${dataset.personAt(3 + (i % 10)).id}`, { headers: STATED_REASON });
  }));
});

afterAll(() => closeConsole({ world, browser, context }));

const ready = (hash: string) => page.waitForSelector(`#app[data-ready="${hash}"]`, { timeout: 15_000 });
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const rows = () => page.locator('tr[data-disclosure]');
/** Clicks `button` and waits for the view drawn again (the address stays the same). */
const redrawn = async (click: () => Promise<void>) => {
  await page.evaluate(() => document.querySelector('main')?.setAttribute('data-stale', ''));
  await click();
  await page.waitForSelector('main:not([data-stale]) h1', { timeout: 15_000 });
};
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** An ISO day as typed in English ("5 Dec 2026") and in Khmer ("៥ ធ្នូ ២០២៦"). */
const englishDay = (iso: string) => `${Number(iso.slice(8))} ${SHORT_MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const khmerDay = (iso: string) => khmerDigits(`${Number(iso.slice(8))} ${KHMER_MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`);
const show = () => redrawn(() => page.getByRole('button', { name: 'Show', exact: true }).click());

describe.skipIf(!hasChromium)('who saw what, in the console (needs Debian’s chromium)', () => {
  it('lists the tracing partner’s disclosures, filtered by agency, a page at a time', async () => {
    await page.getByRole('link', { name: 'Who saw what' }).click();
    await ready('#/disclosures');
    await page.getByLabel('Agency').selectOption('moh-tracing');
    await show();
    // The fixture's fetches and probe, and the ones made here: 31 rows, 25 on the first page.
    expect(await rows().count()).toBe(25);
    expect(await page.locator('[data-log-page]').textContent()).toBe('Page 1');
    await shot('log');
    // For the README: the filters and the first rows, once their stated references are read.
    await expect.poll(() => page.locator(`td[data-reference="${STATED_REASON['N2K-Reference']}"]`).count()).toBeGreaterThan(3);
    await readmeShot(page, 'console-log-filtered', [page.locator('form.filters'), rows().nth(2)]);
    await redrawn(() => page.getByRole('button', { name: 'Older →' }).click());
    expect(await rows().count()).toBe(FETCHED + 1 + MORE - 25);
    expect(await page.getByRole('button', { name: 'Older →' }).isDisabled()).toBe(true);
    await redrawn(() => page.getByRole('button', { name: '← Newer' }).click());
    expect(await rows().count()).toBe(25);
  });

  it('narrows by outcome, by officer or system and by days', async () => {
    await page.getByLabel('Outcome').selectOption('not_found');
    await show();
    expect(await rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('not found or outside the grant');
    await page.getByLabel('Outcome').selectOption('');
    await page.getByLabel('Officer or system').selectOption(world.officerIds[1]);
    await show();
    expect(await page.locator('[data-log-rows="0"]').count()).toBe(1);
    await page.getByLabel('Officer or system').selectOption(TRACER);
    // From the day the rows were written until today (the same day unless the run crossed midnight).
    const until = today();
    // Typed as people write it in English (day, short month, year), or pasted as ISO 8601.
    await page.getByLabel('From (day)').fill(englishDay(firstDay));
    await page.getByLabel('Until (day, included)').fill(until);
    await show();
    expect(await rows().count()).toBe(25);
    // Shown again in the console's format, whichever way it was typed.
    expect(await page.getByLabel('Until (day, included)').inputValue()).toBe(englishDay(until));
    await page.getByLabel('Until (day, included)').fill('2020-01-01');
    await page.getByLabel('From (day)').fill('2020-01-01');
    await show();
    expect(await page.locator('[data-log-rows="0"]').count()).toBe(1);
    await redrawn(() => page.getByRole('button', { name: 'Clear filters' }).click());
  });

  it('refuses a day that is not one, in plain words, and applies nothing', async () => {
    const from = page.getByLabel('From (day)');
    await from.fill('31 Apr 2026');
    await page.evaluate(() => document.querySelector('main')?.setAttribute('data-stale', ''));
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const error = page.locator('.field-error:not([hidden])');
    await expect.poll(() => error.textContent()).toBe('“31 Apr 2026” is not a date. Type the day, the month and the year, e.g. 23 Nov 2026.');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    // The view was not drawn again: nothing was asked of the gateway.
    expect(await page.locator('main[data-stale]').count()).toBe(1);
    await from.fill('');
    await page.evaluate(() => document.querySelector('main')?.removeAttribute('data-stale'));
  });

  it('checks a row’s entry against the signed log in the browser', async () => {
    await page.getByLabel('Agency').selectOption('moh-tracing');
    await page.getByLabel('Outcome').selectOption('disclosed');
    await show();
    const row = rows().first();
    await row.getByRole('button', { name: /^Check log entry/ }).click();
    await expect.poll(() => row.locator('[data-proof]').getAttribute('data-proof')).toBe('ok');
    expect(await row.textContent()).toMatch(/is in the signed log of \d+ entries/);
    await row.locator('details summary').click();
    const entry = JSON.parse((await row.locator('pre').textContent()) ?? '{}') as { kind: string; id: string; agency: string };
    expect(entry).toMatchObject({ kind: 'disclosure', id: await row.getAttribute('data-disclosure'), agency: 'moh-tracing' });
    await shot('log-entry-proven');
  });

  it('exports the filtered rows as CSV, naming no person', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,agency,client,purpose,grant,reference,action,record_type,fields,outcome,persons,log_index,id');
    // Each row carries the reference the tracer stated, read from its log entry.
    expect(lines.slice(1).every((l) => l.split(',')[5] === STATED_REASON['N2K-Reference'])).toBe(true);
    expect(lines).toHaveLength(1 + FETCHED + MORE);
    expect(lines.slice(1).every((l) => l.includes(',moh-tracing,') && l.includes(',disclosed,'))).toBe(true);
    expect(csv).not.toContain(world.disclosedNationalId);
    await expect.poll(() => page.getByText(`${FETCHED + MORE} rows exported.`).count()).toBe(1);
  });

  it('shows the log in Khmer', async () => {
    await redrawn(() => page.locator('[data-lang="km"]').click());
    expect(await page.locator('h1').textContent()).toMatch(KHMER);
    expect(await rows().first().textContent()).toContain('បានឆ្លើយ');
    // Days are typed and shown with Khmer digits and month names.
    const from = page.getByLabel('ពី (ថ្ងៃ)');
    await from.fill(khmerDay(firstDay));
    await redrawn(() => page.getByRole('button', { name: 'បង្ហាញ', exact: true }).click());
    expect(await page.getByLabel('ពី (ថ្ងៃ)').inputValue()).toBe(khmerDay(firstDay));
    expect(await rows().count()).toBeGreaterThan(0);
    await page.getByLabel('ពី (ថ្ងៃ)').fill('៣១ មេសា ២០២៦');
    await page.getByRole('button', { name: 'បង្ហាញ', exact: true }).click();
    await expect.poll(() => page.locator('.field-error:not([hidden])').textContent()).toContain('មិនមែនជាកាលបរិច្ឆេទទេ');
    await shot('log-khmer');
    await page.locator('[data-lang="en"]').click();
  });

  it('ran under its content security policy', () => {
    expect(violations).toEqual([]);
  });
});
