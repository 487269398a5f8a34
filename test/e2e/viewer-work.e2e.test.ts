/**
 * The officer's viewer for a day's work, in real Chromium against a local gateway, run once in English
 * and once in Khmer on the same gateway and browser (the issue's proof, in both languages): the tracer
 * finds a health case by phone and reads it in words (places by name, weeks as dates, generalised
 * values explained, every heading, label and note in the chosen language), opens a contact from it
 * (a logged view), comes back through the recent list; copies the phone the purpose marks copyable
 * (trace-marked, logged) and is told on the spot, in words, that copying the name is blocked; a miss
 * or an error never leaves the previous record on screen and says so in words; the justice reviewer
 * finds a case by its case number, reads its persons by role as links, and is told plainly that its
 * document is not available. The switch to Khmer is remembered across a reload.
 *
 * Screenshots go to test-results/viewer-work/; with `N2K_UPDATE_SCREENSHOTS=1` the README's
 * `docs/viewer-health-case.png`, `docs/viewer-health-case-km.png` and `docs/viewer-case-persons.png`
 * are written from the same run, 1000 px wide (record data synthetic).
 */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripTextMarks } from '../../extension/src/lib/trace-mark/text.js';
import { artefactDir, buildExtension, endViewerSuite, enrolViewer, hasChromium, launchWithExtension } from './browser.js';
import { KHMER_NAME } from './extension-scene.js';
import {
  CASE_NUMBER,
  CONTACT_NAME,
  PATIENT_PHONE_TYPED,
  PERSON_LOOKUP_PURPOSE,
  personLookupGrant,
  TRACING_PURPOSE,
  viewerWorkScene,
  type ViewerWorkScene,
} from './extension-work-scene.js';
import { ENGLISH, KHMER_WORDS, type ViewerWords } from './viewer-work-words.js';

const PORT = 8843;
const shots = artefactDir('viewer-work');
/** The README's pictures are this wide: readable text, a small file. */
const DOCS_WIDTH = 1000;
const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

let scene: ViewerWorkScene;
let lookupGrant: string;
let extensionDir: string;
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let context: BrowserContext;

const base = () => `chrome-extension://${browser.extensionId}`;
const viewerUrl = (grant: string, purpose: string) => `${base()}/tabs/viewer.html?grant=${encodeURIComponent(grant)}&purpose=${encodeURIComponent(purpose)}`;
const text = async (page: Page, selector: string) => stripTextMarks((await page.textContent(selector)) ?? '');
const texts = async (page: Page, selector: string) => (await page.$$eval(selector, (es) => es.map((e) => e.textContent ?? ''))).map(stripTextMarks);
const viewIdOf = async (page: Page) => (await page.getAttribute('section.content', 'data-view-id')) ?? '';
/** Whether the element is wholly inside the window as the officer sees it now (not somewhere down the page). */
const inView = (page: Page, selector: string) =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });
const kinds = (page: Page) => page.$$eval('select[name=kind] option', (os) => os.map((o) => (o as HTMLOptionElement).value));

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

/** Every heading, label, note and button of the record on screen: what must be in the officer's language. */
async function recordWords(page: Page): Promise<string[]> {
  return (await texts(page, '.record h3, .record h4, .record dt, .record .note, .record button, .record .record-type, .record .media-unavailable')).filter(
    (s) => s.trim() !== '',
  );
}

/**
 * The words of the viewer's frame that the record's check does not reach, each with where it was
 * found: the tab's title; names for assistive technology, pictures' alt texts, boxes' placeholders
 * and hover titles (except a value's title, which is the same place in the other script on purpose);
 * the header's purpose line, the form's labels, options, buttons and problems, the recent list's
 * heading and note, notices and the footer. Names of records and people are data, not words, and the
 * language switch names each language in its own script: neither is here.
 */
async function frameWords(page: Page): Promise<{ where: string; text: string }[]> {
  const found = await page.evaluate(() => {
    const out: { where: string; text: string }[] = [{ where: 'document.title', text: document.title }];
    const attrs = ['aria-label', 'alt', 'placeholder', 'title'] as const;
    for (const attr of attrs) {
      for (const el of document.querySelectorAll(`[${attr}]`)) {
        if (attr === 'title' && el.matches('.value .text')) continue;
        out.push({ where: `${el.tagName.toLowerCase()}.${el.className}[${attr}]`, text: el.getAttribute(attr) ?? '' });
      }
    }
    const frame = 'header h1, header .under, form label, form option, form button, .form-problem, .recent h2, .recent .note, .notice, footer';
    for (const el of document.querySelectorAll(frame)) {
      out.push({ where: `${el.tagName.toLowerCase()}${el.className === '' ? '' : `.${el.className}`}`, text: el.textContent ?? '' });
    }
    return out;
  });
  return found.map((f) => ({ ...f, text: stripTextMarks(f.text) })).filter((f) => f.text.trim() !== '');
}

/**
 * The lines the watermark draws: the page draws it again (as it does on a zoom) while its text
 * drawing is watched, then the drawing is given back untouched. The watermark is a picture, so
 * this is the only way to read its words other than by eye.
 */
async function watermarkLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const drawn: string[] = [];
    const proto = CanvasRenderingContext2D.prototype;
    const fillText = proto.fillText;
    proto.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
      drawn.push(text);
      if (maxWidth === undefined) fillText.call(this, text, x, y);
      else fillText.call(this, text, x, y, maxWidth);
    };
    try {
      window.dispatchEvent(new Event('resize'));
    } finally {
      proto.fillText = fillText;
    }
    return drawn;
  });
}

/** A screenshot of the page in test-results/, and with `N2K_UPDATE_SCREENSHOTS=1` the README's copy, `DOCS_WIDTH` wide. */
async function snap(page: Page, name: string, docs?: string): Promise<void> {
  const path = join(shots, name);
  if (docs === undefined || process.env.N2K_UPDATE_SCREENSHOTS !== '1') {
    await page.screenshot({ path, fullPage: true });
    return;
  }
  // The window as tall as the page, so that the watermark (fixed to the window) covers all of it.
  await page.setViewportSize({ width: DOCS_WIDTH, height: DEFAULT_VIEWPORT.height });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: DOCS_WIDTH, height });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path });
  await page.setViewportSize(DEFAULT_VIEWPORT);
  copyFileSync(path, resolve(import.meta.dirname, '../../docs', docs));
}

type ViewerEntry = { kind?: string; event?: string; view?: string; grant?: string; field?: string };
async function viewerEvents(since: string, grant: string, event: string): Promise<ViewerEntry[]> {
  const exported = await scene.admin.getPath<{ entries: { entry: ViewerEntry }[] }>(`/v1/audit/export?since=${encodeURIComponent(since)}`);
  return exported.entries.map((e) => e.entry).filter((e) => e.kind === 'viewer' && e.event === event && e.grant === grant);
}

beforeAll(async () => {
  if (!hasChromium) return;
  scene = await viewerWorkScene(PORT);
  lookupGrant = await personLookupGrant(scene);
  extensionDir = buildExtension(scene.local.gateway.url);
  browser = await launchWithExtension(extensionDir);
  context = browser.context;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await enrolViewer(browser, scene.enrolmentCode);
}, 600_000);

afterAll(async () => {
  if (!hasChromium) return;
  await endViewerSuite({ browser, gateway: scene?.local, extensionDir });
});

describe.skipIf(!hasChromium)('the officer’s viewer at work (needs Debian’s chromium)', () => {
  describe.each([ENGLISH, KHMER_WORDS])('in $name', (w: ViewerWords) => {
    // A fresh tab per language: its recent list starts empty; the language is the extension's.
    let tracer: Page;
    beforeAll(async () => {
      tracer = await context.newPage();
      await tracer.goto(viewerUrl(scene.tracingGrant, TRACING_PURPOSE));
      await tracer.waitForSelector('form.search select[name=kind]');
    });
    afterAll(async () => {
      await tracer?.close();
    });

    it(`shows the whole interface in ${w.name}, chosen with the switch and remembered across a reload`, async () => {
      await tracer.click(`.lang-switch button[data-lang=${w.lang}]`);
      expect(await text(tracer, 'h1')).toBe(w.appTitle);
      await tracer.reload();
      await tracer.waitForSelector('form.search select[name=kind]');
      expect(await text(tracer, 'h1')).toBe(w.appTitle);
      expect(await text(tracer, 'form.search')).toContain(w.recordTypeLabel);
      expect(await text(tracer, 'html')).not.toMatch(/\((insufficient_scope|conflict|not_found)\)/);
    });

    it('offers a health case the searches its type and the purpose allow: by phone, then by record id', async () => {
      await tracer.selectOption('select[name=record_type]', 'health_case');
      expect(await kinds(tracer)).toEqual(['phone', 'id']);
      await tracer.selectOption('select[name=record_type]', 'person');
      // The purpose does not disclose the national ID or the birth date in clear: no search by them.
      expect(await kinds(tracer)).toEqual(['phone', 'id']);
    });

    it('finds a health case by phone and shows it in words: names of places, weeks as dates, generalised values explained', async () => {
      await tracer.selectOption('select[name=record_type]', 'health_case');
      await tracer.selectOption('select[name=kind]', 'phone');
      await tracer.fill('input[name=phone]', PATIENT_PHONE_TYPED);
      await tracer.click('form.search button[type=submit]');
      await newView(tracer, '');
      const record = await text(tracer, '.record');
      expect(record).toContain(KHMER_NAME);
      expect(record).toContain(w.result);
      expect(record).toContain(w.testDate);
      expect(record).toMatch(w.ageBand);
      // Places visited are generalised to the ISO week: "week of 6 April 2026", never "2026-W15".
      expect(record).toContain(w.week);
      expect(record).not.toMatch(/\d{4}-W\d{2}/);
      expect(record).toContain(w.phnomPenh);
      expect(record).toContain(w.kampongSpeu);
      expect(record).not.toMatch(/Province \d|"province"/);
      // Values are in the chosen language only: the other's word for the result is nowhere.
      expect(record).not.toContain(w.lang === 'en' ? KHMER_WORDS.result : ENGLISH.result);
      for (const note of w.notes) expect(record).toContain(note);
      expect(await texts(tracer, '.record h3')).toEqual(w.healthSections);
      // Every heading, label, note and button is in the chosen language, none left in the other or as a code.
      for (const words of await recordWords(tracer)) expect(words).toMatch(w.script);
      await snap(tracer, `health-case-${w.lang}.png`, w.lang === 'en' ? 'viewer-health-case.png' : 'viewer-health-case-km.png');
    });

    it(`names the purpose, the watermark, the tab and every label for assistive technology in ${w.name}, and says an empty search in words`, async () => {
      const viewId = await viewIdOf(tracer);
      expect(viewId).not.toBe('');
      // The purpose by its title in the chosen language (the Khmer title the privacy officer set).
      expect(await text(tracer, 'header .under')).toContain(`${w.tracingTitle} · ${w.grantWord} ${scene.tracingGrant} · `);
      expect(await tracer.getAttribute('header .under .purpose', 'lang')).toBe(w.lang);
      // The watermark: the officer and their id, the agency, the purpose and grant, the time and the
      // view, its words and date in the chosen language and the ids as the gateway wrote them.
      const lines = await watermarkLines(tracer);
      expect(lines.slice(0, 3)).toEqual([`Chenda Keo · ${scene.officerId}`, w.agency, `${w.tracingTitle} · ${w.grantWord} ${scene.tracingGrant}`]);
      expect(lines[3]).toMatch(w.watermarkWhen);
      expect(w.watermarkWhen.exec(lines[3] ?? '')?.[1]).toBe(viewId.slice(0, 6));
      expect(await tracer.evaluate(() => document.documentElement.lang)).toBe(w.lang);
      // An empty box is said by the viewer in the chosen language, not by the browser's own bubble;
      // the record stays on screen, as nothing was asked.
      await tracer.fill('input[name=phone]', '');
      await tracer.click('form.search button[type=submit]');
      expect(await text(tracer, '.form-problem')).toBe(w.emptyTerm);
      expect(await viewIdOf(tracer)).toBe(viewId);
      const words = await frameWords(tracer);
      expect(words.map((f) => f.where)).toEqual(expect.arrayContaining(['document.title', 'p.under', 'footer']));
      for (const f of words) expect(f, f.where).toMatchObject({ text: expect.stringMatching(w.script) });
      // A printed page says, in the chosen language, that printing is disabled (and shows nothing of the record).
      await tracer.emulateMedia({ media: 'print' });
      expect(await tracer.evaluate(() => getComputedStyle(document.body, '::after').content)).toBe(JSON.stringify(w.printDisabled));
      expect(await tracer.evaluate(() => getComputedStyle(document.querySelector('.record') as Element).display)).toBe('none');
      await tracer.emulateMedia({ media: 'screen' });
      // The popup's list of grants names the purpose in the chosen language too.
      const popup = await context.newPage();
      await popup.goto(`${base()}/popup.html`);
      expect(await text(popup, `li.grant[data-grant="${scene.tracingGrant}"] .title`)).toBe(w.tracingTitle);
      await popup.close();
      await tracer.bringToFront();
      await tracer.waitForSelector('section.content:not(.hidden) .record');
    });

    it('opens a contact from the health case as a new, logged view, and the recent list brings the case back', async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const before = await viewIdOf(tracer);
      const contact = tracer.locator('.contact', { hasText: CONTACT_NAME.slice(1) });
      expect(await text(tracer, '.contact button[data-link="person-by-phone"]')).toContain(w.person);
      await contact.locator('button[data-link="person-by-phone"]').click();
      const contactView = await newView(tracer, before);
      expect(await text(tracer, '.record h2')).toContain('សុខ ចាន់ធី');
      expect(await text(tracer, '.record')).toContain(CONTACT_NAME);
      expect(await text(tracer, '.record .record-type')).toContain(w.person);
      await expect.poll(async () => (await viewerEvents(since, scene.tracingGrant, 'view')).map((e) => e.view), { timeout: 10_000 }).toContain(contactView);
      // Both records are one click away.
      expect(await tracer.locator('.recent li').count()).toBe(2);
      await tracer.locator('.recent button', { hasText: w.healthCase }).click();
      await newView(tracer, contactView);
      expect(await tracer.getAttribute('.record', 'data-record-type')).toBe('health_case');
    });

    it('lets the tracer copy the phone the purpose marks copyable (trace-marked, logged), and says on the spot, in words, that copying the name is blocked', async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      await tracer.bringToFront();
      await tracer.evaluate(() => navigator.clipboard.writeText('(empty)'));
      const viewId = await viewIdOf(tracer);
      expect(await tracer.getAttribute('.record', 'data-record-type')).toBe('health_case');
      const copyButton = tracer.locator('.record [data-field=phone] button.copy-field');
      expect(await copyButton.getAttribute('aria-label')).toBe(w.copyLabel);
      await copyButton.click();
      await tracer.waitForSelector('.notice[data-notice=copied]');
      expect(await text(tracer, '.notice')).toBe(w.copied);
      // Said on the spot: in view where the officer is, not at the foot of a long record.
      expect(await inView(tracer, '.notice')).toBe(true);
      const clip = await tracer.evaluate(() => navigator.clipboard.readText());
      expect(stripTextMarks(clip)).toBe('+855 12 765 432');
      // The copy carries the view's invisible trace mark.
      expect(clip).not.toBe(stripTextMarks(clip));
      await expect
        .poll(async () => (await viewerEvents(since, scene.tracingGrant, 'copy')).map((e) => `${e.view}:${e.field}`), { timeout: 10_000 })
        .toContain(`${viewId}:phone`);

      // The name has no Copy button, and copying it is blocked with the reason in words.
      expect(await tracer.locator('.record [data-field=name_latin] button.copy-field').count()).toBe(0);
      await tracer.locator('.record [data-field=name_latin] .text').click();
      await tracer.keyboard.press('Control+C');
      await tracer.waitForSelector('.notice[data-notice^="blocked.copy"]');
      expect(await text(tracer, '.notice')).toContain(w.blockedCopy);
      expect(await inView(tracer, '.notice')).toBe(true);
      expect(await tracer.evaluate(() => navigator.clipboard.readText())).toBe(clip);
      await snap(tracer, `copy-phone-${w.lang}.png`);
    });

    it('never leaves the previous record on screen under a new search that fails or finds nothing, and says so in words', async () => {
      expect(await tracer.locator('.record').count()).toBe(1);
      await tracer.selectOption('select[name=kind]', 'id');
      await tracer.fill('input[name=value]', 'health-e2e-9999');
      await tracer.click('form.search button[type=submit]');
      await tracer.waitForSelector('.error');
      expect(await tracer.locator('.record').count()).toBe(0);
      expect(await text(tracer, '.error')).toBe(w.fetchNotFound);
      // A case number typed as a record id is caught on the spot, in words.
      await tracer.fill('input[name=value]', CASE_NUMBER);
      await tracer.click('form.search button[type=submit]');
      expect(await text(tracer, '.form-problem')).toContain(w.caseNumberHint);
      await tracer.selectOption('select[name=kind]', 'phone');
      await tracer.fill('input[name=phone]', '099 111 222');
      await tracer.click('form.search button[type=submit]');
      await tracer.waitForSelector('.no-match, .error');
      expect(await tracer.locator('.record').count()).toBe(0);
      expect(await text(tracer, '.no-match, .error')).toBe(w.noMatch);
      expect(await text(tracer, 'main')).not.toMatch(/\((insufficient_scope|conflict|not_found)\)/);
    });

    it(`asks a browser not yet enrolled for its code in ${w.name}, and says an empty code in words, not in the browser's bubble`, async () => {
      const fresh = await launchWithExtension(extensionDir);
      try {
        const popup = await fresh.context.newPage();
        await popup.goto(`chrome-extension://${fresh.extensionId}/popup.html`);
        await popup.click(`.lang-switch button[data-lang=${w.lang}]`);
        await popup.click('form.enrol button[type=submit]');
        expect(await text(popup, 'form.enrol .form-problem')).toBe(w.enrolCodeEmpty);
        // Nothing was sent: the gateway's refusal of a code is not on screen.
        expect(await popup.locator('form.enrol .error').count()).toBe(0);
        for (const f of await frameWords(popup)) expect(f, f.where).toMatchObject({ text: expect.stringMatching(w.script) });
        expect(await texts(popup, 'form.enrol h1, form.enrol p')).toEqual([expect.stringMatching(w.script), expect.stringMatching(w.script), w.enrolCodeEmpty]);
      } finally {
        await fresh.close();
      }
    });

    it(`finds a person by name and a date of birth typed as people write it in ${w.name}, not in the browser's date box`, async () => {
      const page = await context.newPage();
      await page.goto(viewerUrl(lookupGrant, PERSON_LOOKUP_PURPOSE));
      await page.waitForSelector('form.search select[name=kind]');
      await page.selectOption('select[name=record_type]', 'person');
      await page.selectOption('select[name=kind]', 'name_dob');
      // A text box with the example in the chosen language: the browser's date box says "mm/dd/yyyy" in its own.
      expect(await page.getAttribute('input[name=date_of_birth]', 'type')).toBe('text');
      expect(await page.getAttribute('input[name=date_of_birth]', 'placeholder')).toBe(w.dobHint);
      await page.fill('input[name=name_latin]', 'Keo Chenda');
      await page.fill('input[name=date_of_birth]', '31/02/1991');
      await page.click('form.search button[type=submit]');
      expect(await text(page, '.form-problem')).toBe(w.badDay);
      await page.fill('input[name=date_of_birth]', w.dobTyped);
      await page.click('form.search button[type=submit]');
      await newView(page, '');
      expect(await text(page, '.record h2')).toBe(KHMER_NAME);
      expect(await text(page, '.record')).toContain(w.lang === 'en' ? '3 February 1991' : '៣ កុម្ភៈ ១៩៩១');
      for (const f of await frameWords(page)) expect(f, f.where).toMatchObject({ text: expect.stringMatching(w.script) });
      await page.close();
    });

    it('finds a case by its case number, shows its persons by role as links, and says plainly that its document is not available', async () => {
      const reviewer = await context.newPage();
      await reviewer.goto(viewerUrl(scene.grantId, scene.purposeId));
      await reviewer.waitForSelector('form.search select[name=kind]');
      expect(await text(reviewer, 'h1')).toBe(w.appTitle);
      // A purpose without a Khmer title is named by its English one, in either language.
      expect(await text(reviewer, 'header .under')).toContain('Joint investigation with the health ministry (test)');
      // …and marked as English, so that a screen reader reads it as English on a Khmer page.
      expect(await reviewer.getAttribute('header .under .purpose', 'lang')).toBe('en');
      await reviewer.selectOption('select[name=record_type]', 'case');
      expect(await kinds(reviewer)).toEqual(['case_number', 'id']);
      await reviewer.fill('input[name=case_number]', CASE_NUMBER);
      await reviewer.click('form.search button[type=submit]');
      const caseView = await newView(reviewer, '');
      const record = await text(reviewer, '.record');
      expect(record).toContain(CASE_NUMBER);
      expect(record).toContain(w.status);
      expect(record).toContain(w.criterion);
      expect(record).toContain(w.occurredOn);
      expect(record).toContain(w.phnomPenh);
      expect(await texts(reviewer, '.record h3')).toEqual(w.caseSections);
      expect(await reviewer.$$eval('.persons-by-role section', (ss) => ss.map((s) => s.getAttribute('data-role')))).toEqual(['suspect', 'victim', 'witness']);
      expect(await texts(reviewer, '.persons-by-role h4')).toEqual(w.roles);
      expect(await texts(reviewer, '.persons-by-role button[data-link=person]')).toEqual([w.openPerson, w.openPerson, w.openPerson]);
      expect(await text(reviewer, '.media-unavailable[data-kind=document]')).toBe(w.documentUnavailable);
      expect(record).not.toContain('Nothing found');
      for (const words of await recordWords(reviewer)) expect(words).toMatch(w.script);
      for (const f of await frameWords(reviewer)) expect(f, f.where).toMatchObject({ text: expect.stringMatching(w.script) });
      await snap(reviewer, `case-by-number-${w.lang}.png`, w.lang === 'en' ? 'viewer-case-persons.png' : undefined);
      await reviewer.locator('.persons-by-role section[data-role=victim] button[data-link=person]').click();
      await newView(reviewer, caseView);
      expect(await text(reviewer, '.record h2')).toBe(KHMER_NAME);
      await reviewer.close();
    });
  });
});
