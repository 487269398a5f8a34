/**
 * The console's statistics view in real Chromium against a local gateway: a year of crime cases in
 * one province (enough above the threshold, some below it) goes in through the ingest API; the
 * officer picks the province and the year and sees stacked bars by safe-village criterion per
 * month, a legend naming the five criteria, withheld figures hatched and never drawn as zero, and a
 * table whose figures are exactly the API's; then the same in Khmer. Screenshots go to
 * test-results/console/.
 */
import { GatewaySession, signingKeyFromJwk } from '@need2know/client';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecords } from '../../scripts/lib/bulk-load.js';
import { MIN_WITHHELD_PX } from '../../gateway/console/src/stats-layout.js';
import { CHROMIUM, CHROMIUM_FLAGS, hasChromium } from './browser.js';
import { startConsoleWorld, type ConsoleWorld } from './console-fixture.js';

const PORT = 8870;
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'console');
const PROVINCE = '12';
const YEAR = 2025;
const KHMER = /[\u1780-\u17FF]/;
const KHMER_DIGIT = /[០-៩]/;

/**
 * Cases per month and criterion in the province: criteria 1, 2 and 5 above the public threshold
 * (10) every month, criterion 3 below it (withheld), criterion 4 only in June, below it.
 */
function perMonth(month: number): Record<number, number> {
  return { 1: 12 + (month % 3), 2: 10 + (month % 2), 3: 2, 4: month === 6 ? 4 : 0, 5: 11 };
}

/** Synthetic crime cases for `perMonth`, spread over three communes of the province. */
function crimeCases(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let month = 1; month <= 12; month++) {
    for (const [criterion, n] of Object.entries(perMonth(month))) {
      for (let i = 0; i < n; i++) {
        const commune = `${PROVINCE}01${String(1 + (out.length % 3)).padStart(2, '0')}`;
        out.push({
          id: `case-stats-e2e-${String(out.length + 1).padStart(5, '0')}`,
          case_number: `${PROVINCE}01/${YEAR}/E2E${String(out.length + 1).padStart(5, '0')}`,
          criterion: Number(criterion),
          offence: 'Synthetic offence for the statistics test',
          occurred_on: `${YEAR}-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
          place: { province: PROVINCE, district: `${PROVINCE}01`, commune },
          status: 'under_investigation',
          handling_unit: 'Synthetic district police inspectorate',
          sensitivity: 'normal',
        });
      }
    }
  }
  return out;
}

interface Series {
  release: string;
  protection: { method: string; threshold: number; withheld: number };
  series: { place: string; periods: string[]; groups: { code: string; counts: (number | null)[] }[]; totals: (number | null)[] };
}

let world: ConsoleWorld;
let browser: Browser;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  world = await startConsoleWorld(PORT);
  const police = world.clients.find((c) => c.kind === 'data_owner' && c.ingest_types.includes('case'));
  if (police === undefined) throw new Error('no data owner ingests cases');
  const session = await GatewaySession.open({
    issuer: world.url,
    clientId: police.client_id,
    signingKey: await signingKeyFromJwk(police.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['case'] }] },
  });
  const cases = crimeCases();
  const report = await loadRecords(session, 'case', cases, { total: cases.length, label: '  cases' });
  expect(report.created).toBe(cases.length);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await world?.local.close();
});

const ready = (hash: string) => page.waitForSelector(`#app[data-ready="${hash}"]`, { timeout: 15_000 });

/** What the API publishes for the chart, asked by the other officer (same table, same protection). */
const fromApi = () =>
  world.local.officers[1]!.get<Series>(`/stats/tables/crime/preview?level=province&period=month&year=${YEAR}&province=${PROVINCE}&shape=series`);

describe.skipIf(!hasChromium)('statistics in the privacy officer console (needs Debian’s chromium)', () => {
  it('draws stacked bars by criterion per month for a province, withheld figures hatched, with the API’s figures in a table', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Phnom_Penh' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (msg) => {
      if (/Content Security Policy|Trusted Type/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(`${world.url}/console`);
    await page.setInputFiles('#key-file', world.keyFiles[0]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ready('#/grants');

    await page.getByRole('link', { name: 'Statistics' }).click();
    await ready('#/statistics');
    expect(await page.locator('[data-public-tier]').textContent()).toContain('threshold 10');
    await page.getByLabel('Province code').fill(PROVINCE);
    await page.getByLabel('Year').fill(String(YEAR));
    await page.getByRole('button', { name: 'Show' }).click();
    await ready(`#/statistics/${PROVINCE}/${YEAR}`);

    const api = await fromApi();
    const { periods, groups, totals } = api.series;
    expect(periods).toHaveLength(12);
    expect(groups.map((g) => g.code)).toEqual(['1', '2', '3', '4', '5']);
    // The dataset makes criterion 3 small every month: the API withholds it, and the chart must show that.
    expect(groups[2]!.counts.every((c) => c === null)).toBe(true);
    // Criterion 1 (12–14 a month) is published in most months; a few may be withheld to protect the
    // small figures beside them (the patterns of every threshold step are nested).
    expect(groups[0]!.counts.every((c) => c === null || c >= 12)).toBe(true);
    expect(groups[0]!.counts.filter((c) => c !== null).length).toBeGreaterThanOrEqual(8);

    // One bar per month, each with its published figures as segments (a published zero takes no room).
    const figure = page.locator('figure.stats-figure');
    expect(await figure.locator('svg g.bar').count()).toBe(12);
    for (const [i, period] of periods.entries()) {
      const bar = figure.locator(`svg g.bar[data-period="${period}"]`);
      const drawn = await bar
        .locator('rect.seg')
        .evaluateAll((rects) =>
          rects.map((r) => [r.getAttribute('data-group'), Number(r.getAttribute('data-value')), Number(r.getAttribute('height'))] as const),
        );
      const expected = groups.filter((g) => g.counts[i] !== null && g.counts[i] !== 0).map((g) => [g.code, g.counts[i]]);
      expect(drawn.map(([g, v]) => [g, v])).toEqual(expected);
      for (const [, , height] of drawn) expect(height).toBeGreaterThan(0);
      // Withheld figures: one hatched mark naming them, at least MIN_WITHHELD_PX tall, never a zero.
      const withheldCodes = groups.filter((g) => g.counts[i] === null).map((g) => g.code);
      const mark = bar.locator('rect.withheld');
      if (withheldCodes.length === 0 && totals[i] !== null) {
        expect(await mark.count()).toBe(0);
      } else {
        expect(await mark.getAttribute('data-withheld')).toBe(withheldCodes.join(' '));
        expect(await mark.getAttribute('fill')).toMatch(/^url\(#hatch-\d+\)$/);
        expect(Number(await mark.getAttribute('height'))).toBeGreaterThanOrEqual(MIN_WITHHELD_PX);
      }
      expect(await bar.locator('.bar-total').textContent()).toBe(totals[i] === null ? 'withheld' : String(totals[i]));
    }
    expect(await figure.locator('svg .axis-label', { hasText: /^Mar$/ }).count()).toBe(1);

    // A legend naming the five criteria, and the hatching.
    const legend = figure.locator('[data-legend="criteria"] li[data-criterion]');
    expect(await legend.allTextContents()).toEqual([
      '1. Theft, snatching, robbery',
      '2. Producing or dealing illegal drugs',
      '3. Prostitution, trafficking of women and children, domestic violence',
      '4. Gangs',
      '5. Illegal gambling, illegal weapons and other crimes',
    ]);
    expect(await figure.locator('[data-legend-withheld]').textContent()).toContain('Withheld (hatched)');

    // The table holds exactly the API's figures; withheld cells say so.
    const table = figure.locator('table[data-stats-table="crime"]');
    expect(await table.locator('tbody tr').count()).toBe(12);
    for (const [i, period] of periods.entries()) {
      for (const g of [...groups, { code: 'total', counts: totals }]) {
        const cell = table.locator(`td[data-period="${period}"][data-group="${g.code}"]`);
        const v = g.counts[i];
        expect(await cell.textContent()).toBe(v === null ? 'withheld' : String(v));
        expect(await cell.getAttribute('class')).toBe(v === null ? 'num cell-withheld' : 'num');
      }
    }
    expect(await table.locator('tbody th').first().textContent()).toBe('January 2025');

    // How the figures are protected, from the release itself.
    const note = await figure.locator('[data-protection="suppression"]').textContent();
    expect(note).toContain('counts from 1 up to below 10 are withheld');
    expect(note).toContain(`${api.protection.withheld} figures are withheld`);
    await figure.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'stats-chart.png'), fullPage: true });

    // The console's preview is a release of its officer, in the register (and so in the audit log).
    const { releases } = await world.local.officers[0]!.get<{ releases: { id: string; consumer: string; table: string }[] }>('/stats/releases?limit=10');
    const shown = await figure.getAttribute('data-release');
    expect(releases.find((r) => r.id === shown)).toMatchObject({ consumer: `officer:${world.officerIds[0]}`, table: 'crime' });
  });

  it('publishes at the public tier’s threshold only: the form offers no other, and an older address naming one shows the same figures', async () => {
    // Behaviour changed: a table is published at one threshold, so the officer cannot choose another.
    expect(await page.getByLabel('Smallest count published').count()).toBe(0);
    const before = await page.locator('td[data-group="2"]').allTextContents();
    await page.evaluate((hash) => (location.hash = hash), `#/statistics/${PROVINCE}/${YEAR}/13`);
    await ready(`#/statistics/${PROVINCE}/${YEAR}/13`);
    expect(await page.locator('[data-protection="suppression"]').textContent()).toContain('below 10');
    expect(await page.locator('td[data-group="2"]').allTextContents()).toEqual(before);
    // The API itself refuses any other threshold.
    await expect(
      world.local.officers[1]!.get(`/stats/tables/crime/preview?level=province&period=month&year=${YEAR}&province=${PROVINCE}&threshold=13`),
    ).rejects.toThrow();
    await page.evaluate((hash) => (location.hash = hash), `#/statistics/${PROVINCE}/${YEAR}`);
    await ready(`#/statistics/${PROVINCE}/${YEAR}`);
  });

  it('speaks Khmer: criteria, months and Khmer digits', async () => {
    await page.locator('[data-lang="km"]').click();
    const figure = page.locator('figure.stats-figure');
    const before = await figure.getAttribute('data-release');
    // The view is drawn again under the same address: wait for its Khmer legend.
    await expect
      .poll(
        () =>
          figure
            .locator('[data-legend="criteria"] li[data-criterion="1"]')
            .textContent()
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe('១. ចោរកម្ម ឆក់ ប្លន់');
    // Switching the language redraws the same release: no new one is made or logged.
    expect(await figure.getAttribute('data-release')).toBe(before);
    const legend = await figure.locator('[data-legend="criteria"] li[data-criterion]').allTextContents();
    expect(legend).toHaveLength(5);
    for (const name of legend) expect(name).toMatch(KHMER);
    expect(legend[0]).toBe('១. ចោរកម្ម ឆក់ ប្លន់');
    expect(await figure.locator('table tbody th').first().textContent()).toBe('មករា ២០២៥');
    const firstTotal = await figure.locator('td[data-group="total"]').first().textContent();
    expect(firstTotal).toMatch(KHMER_DIGIT);
    expect(firstTotal).not.toMatch(/[0-9]/);
    expect(await figure.locator('svg .axis-label', { hasText: 'មីនា' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'stats-chart-km.png'), fullPage: true });
    await page.locator('[data-lang="en"]').click();
  });

  it('ran under its content security policy without a single violation', () => {
    expect(violations).toEqual([]);
  });
});
