/**
 * The officer's viewer for a day's work, in real Chromium against a local gateway: the tracer finds a
 * health case by phone and reads it in words (places by name, weeks as dates, generalised values
 * explained), opens a contact from it (a logged view), comes back through the recent list; a miss or
 * an error never leaves the previous record on screen; the interface switches to Khmer and stays so;
 * a case is found by its case number, shows its persons by role as links, and says plainly that its
 * document is not available; the tracer copies the phone the purpose marks copyable (logged) and is
 * told on the spot that copying the name is blocked. Screenshots go to test-results/viewer-work/.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripTextMarks } from '../../extension/src/lib/trace-mark/text.js';
import { artefactDir, buildExtension, enrolViewer, hasChromium, launchWithExtension } from './browser.js';
import { KHMER_NAME } from './extension-scene.js';
import { CASE_NUMBER, CONTACT_NAME, PATIENT_PHONE_TYPED, TRACING_PURPOSE, viewerWorkScene, type ViewerWorkScene } from './extension-work-scene.js';

const PORT = 8843;
const shots = artefactDir('viewer-work');

let scene: ViewerWorkScene;
let extensionDir: string;
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let context: BrowserContext;
let tracer: Page;

const base = () => `chrome-extension://${browser.extensionId}`;
const viewerUrl = (grant: string, purpose: string) => `${base()}/tabs/viewer.html?grant=${encodeURIComponent(grant)}&purpose=${encodeURIComponent(purpose)}`;
const text = async (page: Page, selector: string) => stripTextMarks((await page.textContent(selector)) ?? '');
const viewIdOf = async (page: Page) => (await page.getAttribute('section.content', 'data-view-id')) ?? '';

/** Waits for a new view (a view id other than `before`) with at least one record on screen. */
async function newView(page: Page, before: string): Promise<string> {
  await page.waitForFunction(
    (b) => {
      const v = document.querySelector('section.content')?.getAttribute('data-view-id') ?? '';
      return v !== '' && v !== b && document.querySelector('.record') !== null;
    },
    before,
    { timeout: 20_000 },
  );
  return viewIdOf(page);
}

type ViewerEntry = { kind?: string; event?: string; view?: string; grant?: string };
async function viewsSince(since: string, grant: string): Promise<string[]> {
  const exported = await scene.admin.getPath<{ entries: { entry: ViewerEntry }[] }>(`/v1/audit/export?since=${encodeURIComponent(since)}`);
  return exported.entries
    .map((e) => e.entry)
    .filter((e) => e.kind === 'viewer' && e.event === 'view' && e.grant === grant)
    .map((e) => e.view ?? '');
}

beforeAll(async () => {
  if (!hasChromium) return;
  scene = await viewerWorkScene(PORT);
  extensionDir = buildExtension(scene.local.gateway.url);
  browser = await launchWithExtension(extensionDir);
  context = browser.context;
  await enrolViewer(browser, scene.enrolmentCode);
  tracer = await context.newPage();
  await tracer.goto(viewerUrl(scene.tracingGrant, TRACING_PURPOSE));
  await tracer.waitForSelector('form.search select[name=kind]');
}, 600_000);

afterAll(async () => {
  if (!hasChromium) return;
  await browser?.close();
  await scene?.local.close();
  if (extensionDir !== undefined) rmSync(extensionDir, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('the officer’s viewer at work (needs Debian’s chromium)', () => {
  it('offers a health case the searches its type and the purpose allow: by phone, then by record id', async () => {
    await tracer.selectOption('select[name=record_type]', 'health_case');
    expect(await tracer.$$eval('select[name=kind] option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['phone', 'id']);
    await tracer.selectOption('select[name=record_type]', 'person');
    // The purpose does not disclose the national ID or the birth date in clear: no search by them.
    expect(await tracer.$$eval('select[name=kind] option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['phone', 'id']);
  });

  it('finds a health case by phone and shows it in words: names of places, weeks as dates, generalised values explained', async () => {
    await tracer.selectOption('select[name=record_type]', 'health_case');
    await tracer.selectOption('select[name=kind]', 'phone');
    await tracer.fill('input[name=phone]', PATIENT_PHONE_TYPED);
    await tracer.click('form.search button[type=submit]');
    await newView(tracer, '');
    const record = await text(tracer, '.record');
    expect(record).toContain(KHMER_NAME);
    expect(record).toContain('positive');
    expect(record).toContain('9 April 2026');
    // Places visited are generalised to the ISO week: "week of 6 April 2026", never "2026-W15".
    expect(record).toContain('week of 6 April 2026');
    expect(record).not.toMatch(/\d{4}-W\d{2}/);
    expect(record).toContain('Phnom Penh');
    expect(record).toContain('Kampong Speu');
    expect(record).not.toMatch(/Province \d|"province"/);
    expect(record).toContain('only the week is disclosed');
    expect(record).toContain('down to the commune; the village is not disclosed');
    expect(await tracer.$$eval('.record h3', (hs) => hs.map((h) => h.textContent))).toEqual(['Who', 'How to reach them', 'The test', 'Where', 'Tracing']);
    await tracer.screenshot({ path: join(shots, 'health-case.png'), fullPage: true });
  });

  it('opens a contact from the health case as a new, logged view, and the recent list brings the case back', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const before = await viewIdOf(tracer);
    const contact = tracer.locator('.contact', { hasText: CONTACT_NAME.slice(1) });
    await contact.locator('button[data-link="person-by-phone"]').click();
    const contactView = await newView(tracer, before);
    expect(await text(tracer, '.record h2')).toContain('សុខ ចាន់ធី');
    expect(await text(tracer, '.record')).toContain(CONTACT_NAME);
    await expect.poll(() => viewsSince(since, scene.tracingGrant), { timeout: 10_000 }).toContain(contactView);
    // Both records are one click away.
    expect(await tracer.locator('.recent li').count()).toBe(2);
    await tracer.locator('.recent button', { hasText: 'Health case' }).click();
    await newView(tracer, contactView);
    expect(await tracer.getAttribute('.record', 'data-record-type')).toBe('health_case');
  });

  it('lets the tracer copy the phone the purpose marks copyable (trace-marked, logged), and says on the spot that copying the name is blocked', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const since = new Date(Date.now() - 60_000).toISOString();
    await tracer.bringToFront();
    const viewId = await viewIdOf(tracer);
    expect(await tracer.getAttribute('.record', 'data-record-type')).toBe('health_case');
    await tracer.click('.record [data-field=phone] button.copy-field');
    await tracer.waitForSelector('.notice[data-notice=copied]');
    const clip = await tracer.evaluate(() => navigator.clipboard.readText());
    expect(stripTextMarks(clip)).toBe('+855 12 765 432');
    // The copy carries the view's invisible trace mark.
    expect(clip).not.toBe(stripTextMarks(clip));
    const copies = async () => {
      const exported = await scene.admin.getPath<{ entries: { entry: ViewerEntry & { field?: string } }[] }>(
        `/v1/audit/export?since=${encodeURIComponent(since)}`,
      );
      return exported.entries
        .map((e) => e.entry)
        .filter((e) => e.kind === 'viewer' && e.event === 'copy' && e.grant === scene.tracingGrant)
        .map((e) => `${e.view}:${e.field}`);
    };
    await expect.poll(copies, { timeout: 10_000 }).toContain(`${viewId}:phone`);

    // The name has no Copy button, and copying it is blocked with the reason in words.
    expect(await tracer.locator('.record [data-field=name_latin] button.copy-field').count()).toBe(0);
    await tracer.locator('.record [data-field=name_latin] .text').click();
    await tracer.keyboard.press('Control+C');
    await tracer.waitForSelector('.notice[data-notice^="blocked.copy"]');
    expect(await text(tracer, '.notice')).toContain('Copying is blocked for this record');
    expect(stripTextMarks(await tracer.evaluate(() => navigator.clipboard.readText()))).toBe('+855 12 765 432');
    await tracer.screenshot({ path: join(shots, 'copy-phone.png'), fullPage: true });
  });

  it('never leaves the previous record on screen under a new search that fails or finds nothing', async () => {
    expect(await tracer.locator('.record').count()).toBe(1);
    await tracer.selectOption('select[name=kind]', 'id');
    await tracer.fill('input[name=value]', 'health-e2e-9999');
    await tracer.click('form.search button[type=submit]');
    await tracer.waitForSelector('.error');
    expect(await tracer.locator('.record').count()).toBe(0);
    const error = await text(tracer, '.error');
    expect(error).toBe('No record with this id is open to this grant.');
    // A case number typed as a record id is caught on the spot, in words.
    await tracer.fill('input[name=value]', CASE_NUMBER);
    await tracer.click('form.search button[type=submit]');
    expect(await text(tracer, '.form-problem')).toContain('case number');
    await tracer.selectOption('select[name=kind]', 'phone');
    await tracer.fill('input[name=phone]', '099 111 222');
    await tracer.click('form.search button[type=submit]');
    await tracer.waitForSelector('.no-match, .error');
    expect(await tracer.locator('.record').count()).toBe(0);
    expect(await text(tracer, 'main')).not.toMatch(/\((insufficient_scope|conflict|not_found)\)/);
  });

  it('switches the whole interface to Khmer, and remembers it', async () => {
    await tracer.click('.lang-switch button[data-lang=km]');
    expect(await text(tracer, 'h1')).toBe('កម្មវិធីមើល need2know');
    expect(await text(tracer, 'form.search')).toContain('ប្រភេទកំណត់ត្រា');
    await tracer.reload();
    await tracer.waitForSelector('form.search select[name=kind]');
    expect(await text(tracer, 'h1')).toBe('កម្មវិធីមើល need2know');
    await tracer.selectOption('select[name=record_type]', 'health_case');
    await tracer.selectOption('select[name=kind]', 'phone');
    await tracer.fill('input[name=phone]', PATIENT_PHONE_TYPED);
    await tracer.click('form.search button[type=submit]');
    await newView(tracer, '');
    const record = await text(tracer, '.record');
    expect(record).toContain('វិជ្ជមាន');
    expect(record).toContain('សប្តាហ៍ចាប់ពី ៦ មេសា ២០២៦');
    expect(record).toContain('រាជធានីភ្នំពេញ');
    await tracer.screenshot({ path: join(shots, 'health-case-km.png'), fullPage: true });
    await tracer.click('.lang-switch button[data-lang=en]');
    expect(await text(tracer, 'h1')).toBe('need2know viewer');
  });

  it('finds a case by its case number, shows its persons by role as links, and says its document is not available', async () => {
    const reviewer = await context.newPage();
    await reviewer.goto(viewerUrl(scene.grantId, scene.purposeId));
    await reviewer.waitForSelector('form.search select[name=kind]');
    await reviewer.selectOption('select[name=record_type]', 'case');
    expect(await reviewer.$$eval('select[name=kind] option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['case_number', 'id']);
    await reviewer.fill('input[name=case_number]', CASE_NUMBER);
    await reviewer.click('form.search button[type=submit]');
    const caseView = await newView(reviewer, '');
    const record = await text(reviewer, '.record');
    expect(record).toContain(CASE_NUMBER);
    expect(record).toContain('referred to court');
    expect(record).toContain('1. Theft, snatching, robbery');
    expect(await reviewer.$$eval('.persons-by-role section', (ss) => ss.map((s) => s.getAttribute('data-role')))).toEqual(['suspect', 'victim', 'witness']);
    expect(await text(reviewer, '.media-unavailable[data-kind=document]')).toBe('A document. Documents are not available in the viewer under this purpose.');
    expect(record).not.toContain('Nothing found');
    await reviewer.screenshot({ path: join(shots, 'case-by-number.png'), fullPage: true });
    await reviewer.locator('.persons-by-role section[data-role=victim] button[data-link=person]').click();
    await newView(reviewer, caseView);
    expect(await text(reviewer, '.record h2')).toBe(KHMER_NAME);
    await reviewer.close();
  });
});
