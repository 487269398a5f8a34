/**
 * The subject access report for the citizen, in real Chromium against a local gateway: exported as
 * CSV (the screen's columns in the chosen language, formulas neutralised) and printed to PDF through
 * the browser's own print layout (the ministry's heading, the person's national ID, the period, the
 * disclosures with their stated reference and reason, when it was made and the signed checkpoint that
 * anchors it; no console chrome), in English and Khmer. The disclosure log shows each row's stated
 * reference, read from the row's log entry. Files and screenshots go to test-results/console-report-export/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactDir, hasChromium } from './browser.js';
import { FETCHED, STATED_REASON, type ConsoleWorld } from './console-fixture.js';
import { closeConsole, openConsole, readmeShot } from './console-browser.js';

const PORT = 8889;
const OUT = artefactDir('console-report-export');
const KHMER = /[\u1780-\u17FF]/;
const KHMER_DIGIT = /[០-៩]/;
/** The fixture fetches three persons in turn, so the reported person's data was disclosed this often. */
const REPORTED = FETCHED / 3;
const REFERENCE = STATED_REASON['N2K-Reference'];
const REASON = STATED_REASON['N2K-Reason'];
/** The tracing purpose's Khmer title (the demo configuration's). */
const TRACING_KM = 'ការតាមដានអ្នកប៉ះពាល់ ក្នុងពេលផ្ទុះជំងឺក្នុងសហគមន៍';

let world: ConsoleWorld;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  ({ world, browser, context, page } = await openConsole(PORT, { violations, acceptDownloads: true }));
});

afterAll(() => closeConsole({ world, browser, context }));

const ready = (hash: string) => page.waitForSelector(`#app[data-ready="${hash}"]`, { timeout: 15_000 });
/** Clicks and waits for the view drawn again (the address may stay the same). */
const redrawn = async (click: () => Promise<void>) => {
  await page.evaluate(() => document.querySelector('main')?.setAttribute('data-stale', ''));
  await click();
  await page.waitForSelector('main:not([data-stale]) h1', { timeout: 15_000 });
};
const reportRows = () => page.locator('table[data-subject-report="rows"] tbody tr');

/** Runs the report on the person the fixture disclosed; the form's labels in the current language. */
async function runReport(idLabel: string | RegExp, reasonLabel: RegExp, run: string): Promise<void> {
  await page.getByLabel(idLabel).fill(world.disclosedNationalId);
  await page.getByLabel(reasonLabel).fill('Letter from the person, ref. 2026/12/0007');
  await page.getByRole('button', { name: run }).click();
  await expect.poll(() => reportRows().count()).toBe(REPORTED);
}

/** Saves the report's CSV through the console's button; the file's text. */
async function downloadCsv(): Promise<string> {
  const download = page.waitForEvent('download');
  await page.locator('.report-actions button').first().click();
  const file = await (await download).path();
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/**
 * Prints the report as the officer does (the console's button), then renders it in print media and
 * to PDF with Chromium's own printing; the print DOM's visible text and the PDF's bytes.
 */
async function printToPdf(name: string): Promise<{ text: string; pdf: Buffer }> {
  await page.locator('.report-actions button').nth(1).click();
  await page.waitForSelector('body > .print-report', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(OUT, `${name}-print.png`), fullPage: true });
  // Nothing of the console prints: no header, navigation, forms or on-screen report.
  for (const chrome of ['header.top', 'nav.tabs', 'main', 'form.subject-form']) expect(await page.locator(chrome).first().isVisible()).toBe(false);
  const report = page.locator('body > .print-report');
  expect(await report.isVisible()).toBe(true);
  // The text as laid out for print (innerText follows the print style sheet; textContent would not).
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered print text is what is checked
  const text = await report.innerText();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  writeFileSync(join(OUT, `${name}.pdf`), pdf);
  writeFileSync(join(OUT, `${name}.txt`), text);
  await page.emulateMedia({ media: 'screen' });
  return { text, pdf };
}

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pdfPages = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;

describe.skipIf(!hasChromium)('the subject access report as CSV and PDF (needs Debian’s chromium)', () => {
  it('shows the report with who asked and the stated reference and reason', async () => {
    // Never let a real print dialog stop the run: the PDF below comes from Chromium's print path.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', '');
    });
    await page.getByRole('link', { name: 'Oversight' }).click();
    await ready('#/oversight');
    await runReport('National ID number', /Reason for the report/, 'Run the report');
    for (const row of await reportRows().allTextContents()) {
      expect(row).toContain(`for case ${REFERENCE}: ${REASON}`);
      expect(row).toContain('moh-tracing-app');
      expect(row).toContain('in the log');
    }
    expect(await page.locator('[data-subject-caption]').textContent()).toContain(world.disclosedNationalId);
  });

  it('exports the report as CSV in English, one line per disclosure', async () => {
    const csv = await downloadCsv();
    writeFileSync(join(OUT, 'subject-access-en.csv'), csv);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('When,Agency,Officer or system,Purpose,Action,Stated reason,Fields,Proof');
    expect(lines).toHaveLength(1 + REPORTED);
    for (const line of lines.slice(1)) {
      expect(line).toContain(`,moh-tracing-app,`);
      expect(line).toContain(`,for case ${REFERENCE}: ${REASON},`);
      expect(line).toMatch(/,✓ in the log$/);
    }
  });

  it('prints the report to PDF in English: heading, person, period, disclosures, time and log position', async () => {
    const { text, pdf } = await printToPdf('subject-access-en');
    expect(await page.evaluate(() => document.body.hasAttribute('data-printed'))).toBe(true);
    expect(text).toContain('Kingdom of Cambodia');
    expect(text).toContain('Privacy Office, Ministry of Interior');
    expect(text).toContain(world.disclosedNationalId);
    expect(text).toContain('From the start of the log until');
    expect(text).toMatch(/Generated \d/);
    expect(text).toMatch(/Proven in the signed log checkpoint of [\d,]+ entries \(.+\), root [A-Za-z0-9+/=]{44}/);
    expect(text.split(`for case ${REFERENCE}: ${REASON}`)).toHaveLength(1 + REPORTED);
    expect(await page.locator('.print-report tr[data-print-row]').count()).toBe(REPORTED);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
  });

  it('exports and prints the report in Khmer', async () => {
    await redrawn(() => page.locator('[data-lang="km"]').click());
    // Drawing the view again takes the English printed page away.
    expect(await page.locator('body > .print-report').count()).toBe(0);
    await runReport(/លេខអត្តសញ្ញាណប័ណ្ណ/, /មូលហេតុនៃរបាយការណ៍/, 'បង្កើតរបាយការណ៍');
    // The purpose is named by its Khmer title.
    for (const row of await reportRows().allTextContents()) expect(row).toContain(TRACING_KM);
    await readmeShot(page, 'console-subject-access-km', [page.locator('section', { has: page.locator('table[data-subject-report="rows"]') })]);
    const csv = await downloadCsv();
    writeFileSync(join(OUT, 'subject-access-km.csv'), csv);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toContain('មន្ត្រី ឬប្រព័ន្ធ');
    expect(lines).toHaveLength(1 + REPORTED);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(KHMER_DIGIT);
      expect(line).toContain(`សម្រាប់ករណី ${REFERENCE}៖ ${REASON}`);
      expect(line).toContain(TRACING_KM);
    }
    const { text, pdf } = await printToPdf('subject-access-km');
    expect(await page.locator('body > .print-report').getAttribute('lang')).toBe('km');
    expect(text).toContain('ព្រះរាជាណាចក្រកម្ពុជា');
    // The office's Khmer name when the registry holds one (the local gateway registers it in English only).
    expect(text).toMatch(/ការិយាល័យឯកជនភាព ក្រសួងមហាផ្ទៃ|Privacy Office, Ministry of Interior/);
    expect(text).toContain(world.disclosedNationalId);
    expect(text).toMatch(KHMER);
    expect(text.split(`សម្រាប់ករណី ${REFERENCE}៖ ${REASON}`)).toHaveLength(1 + REPORTED);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    await redrawn(() => page.locator('[data-lang="en"]').click());
  });

  it('takes the printed page away when the officer goes to another view', async () => {
    await runReport('National ID number', /Reason for the report/, 'Run the report');
    await page.locator('.report-actions button').nth(1).click();
    expect(await page.locator('body > .print-report').count()).toBe(1);
    await page.getByRole('link', { name: 'Who saw what' }).click();
    await ready('#/disclosures');
    expect(await page.locator('body > .print-report').count()).toBe(0);
  });

  it('shows each disclosure log row’s stated reference, read from its log entry', async () => {
    await page.getByLabel('Agency').selectOption('moh-tracing');
    await page.getByLabel('Outcome').selectOption('disclosed');
    await redrawn(() => page.getByRole('button', { name: 'Show', exact: true }).click());
    const rows = page.locator('tr[data-disclosure]');
    await expect.poll(() => rows.count()).toBe(FETCHED);
    expect(await page.locator('table[data-log-rows] thead').textContent()).toContain('Stated reference');
    await expect.poll(() => page.locator(`tr[data-disclosure] td[data-reference="${REFERENCE}"]`).count()).toBe(FETCHED);
    expect(await rows.first().textContent()).toContain(REFERENCE);
    await page.screenshot({ path: join(OUT, 'log-references.png'), fullPage: true });
  });

  it('ran under its content security policy', () => {
    expect(violations).toEqual([]);
  });
});
