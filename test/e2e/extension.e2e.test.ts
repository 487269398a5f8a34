/**
 * The officer's viewer in real Chromium against a local gateway: enrolment, a record opened under
 * a grant with a watermark that comes back when removed, copying and printing blocked, a protected
 * photo revealed only with a logged reason, content hidden on blur, a viewer that refuses once
 * the window has ended, a record that stays on screen (one logged view) under a 30-day data life, and
 * one cleared within seconds when its grant is revoked. Screenshots go to test-results/extension/.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTextMarks, stripTextMarks } from '../../extension/src/lib/trace-mark/text.js';
import { extractViewIds } from '../../scripts/lib/trace.js';
import { artefactDir, buildExtension, endViewerSuite, hasChromium, launchWithExtension } from './browser.js';
import { CASE_ID, extensionScene, KHMER_NAME, PERSON_ID, type ExtensionScene } from './extension-scene.js';

const PORT = 8841;
const shots = artefactDir('extension');

let scene: ExtensionScene;
let extensionDir: string;
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let context: BrowserContext;
let viewer: Page;
const figures: Record<string, unknown> = {};
let longGrant: string;
let longViewer: Page;

type ViewerEntry = { kind?: string; event?: string; view?: string; grant?: string; disclosure?: string; counts?: Record<string, number> };
/** The viewer's entries on the audit log since `since` (ISO). */
async function viewerEntries(since: string): Promise<ViewerEntry[]> {
  const exported = await scene.admin.getPath<{ entries: { entry: ViewerEntry }[] }>(`/v1/audit/export?since=${encodeURIComponent(since)}`);
  return exported.entries.map((e) => e.entry).filter((e) => e.kind === 'viewer');
}

const base = () => `chrome-extension://${browser.extensionId}`;
/** How long the case's photos (each its own sealed delivery and view) may take to show. */
const PHOTOS_SETTLE_MS = 30_000;
/**
 * What each photo of the open record that is not shown yet says in its place (loading, or the
 * error the viewer gives): empty once every photo is on screen, and a failure says why.
 */
const photosNotShown = () =>
  viewer.evaluate(() => [...document.querySelectorAll('figure.photo')].filter((f) => f.querySelector('img') === null).map((f) => f.textContent?.trim() ?? ''));

async function openRecord(page: Page, type: string, id: string): Promise<string> {
  const previous = (await page.getAttribute('section.content', 'data-view-id')) ?? '';
  await page.selectOption('select[name=record_type]', type);
  await page.selectOption('select[name=kind]', 'id');
  await page.fill('input[name=value]', id);
  await page.click('form.search button[type=submit]');
  await page.waitForFunction(
    (before) => {
      const v = document.querySelector('section.content')?.getAttribute('data-view-id') ?? '';
      return v !== '' && v !== before && document.querySelector('.record') !== null;
    },
    previous,
    { timeout: 20_000 },
  );
  return (await page.getAttribute('section.content', 'data-view-id')) as string;
}

/** Frame times (ms) while scrolling `page` down and up by script: p50, p95, max and the count. */
async function scrollFrames(page: Page): Promise<{ p50: number; p95: number; max: number; frames: number }> {
  const frames = await page.evaluate(async () => {
    const deltas: number[] = [];
    let last = performance.now();
    let running = true;
    const tick = (t: number) => {
      deltas.push(t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    for (let i = 0; i < 90; i++) {
      window.scrollBy(0, i < 45 ? 40 : -40);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
    running = false;
    return deltas.slice(2).sort((a, b) => a - b);
  });
  const pct = (p: number) => +(frames[Math.min(frames.length - 1, Math.floor((p / 100) * frames.length))] ?? 0).toFixed(1);
  return { p50: pct(50), p95: pct(95), max: pct(100), frames: frames.length };
}

beforeAll(async () => {
  if (!hasChromium) return;
  scene = await extensionScene(PORT);
  extensionDir = buildExtension(scene.local.gateway.url);
  browser = await launchWithExtension(extensionDir);
  context = browser.context;
}, 240_000);

afterAll(async () => {
  if (!hasChromium) return;
  writeFileSync(join(shots, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await endViewerSuite({ browser, gateway: scene?.local, extensionDir });
});

describe.skipIf(!hasChromium)('the officer’s viewer extension (needs Debian’s chromium)', () => {
  it('asks for nothing but the gateway’s origin', async () => {
    const manifest = JSON.parse((await import('node:fs')).readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.permissions).toEqual([]);
    expect(manifest.host_permissions).toEqual([`${scene.local.gateway.url}/*`]);
    expect(manifest.content_scripts).toBeUndefined();
    expect(String((manifest.content_security_policy as { extension_pages: string }).extension_pages)).toContain("script-src 'self'");
  });

  it('enrols the officer with a one-time code and shows the grant with a live countdown', async () => {
    const popup = await context.newPage();
    await popup.goto(`${base()}/popup.html`);
    await popup.fill('input[name=code]', 'WRONG0-WRONG0-WRONG0-WRONG0');
    await popup.click('button[type=submit]');
    await expect.poll(() => popup.getAttribute('.error', 'data-code')).toBe('invalid_enrolment_code');
    await popup.fill('input[name=code]', scene.enrolmentCode.toLowerCase());
    await popup.click('button[type=submit]');
    await popup.waitForSelector('.grant');
    expect(await popup.textContent('header .name')).toBe('Chenda Keo');
    expect(await popup.textContent('header')).toContain('ក្រសួងសុខាភិបាល');
    const first = await popup.textContent('.countdown');
    expect(first).toMatch(/^3 d 23:5\d:\d\d$/);
    await popup.waitForTimeout(1100);
    expect(await popup.textContent('.countdown')).not.toBe(first);
    await popup.screenshot({ path: join(shots, 'popup.png') });
    const [opened] = await Promise.all([context.waitForEvent('page'), popup.click('.grant button')]);
    await opened.waitForLoadState();
    expect(opened.url()).toContain('/tabs/viewer.html?grant=');
    viewer = opened;
    await popup.close();
  });

  it('opens a record with Khmer script, under a watermark that comes back when removed', async () => {
    const viewId = await openRecord(viewer, 'person', PERSON_ID);
    expect(viewId).toMatch(/^[A-Za-z0-9_-]{11}$/);
    const text = (await viewer.textContent('.record')) ?? '';
    expect(stripTextMarks(text)).toContain(KHMER_NAME);
    // Every value carries the view's invisible trace mark.
    expect(decodeTextMarks(text)).toEqual([viewId]);
    const watermark = await viewer.$('#n2k-watermark');
    expect(await watermark?.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('data:image/png');
    await viewer.evaluate(() => document.getElementById('n2k-watermark')?.remove());
    await expect.poll(() => viewer.evaluate(() => document.getElementById('n2k-watermark')?.style.backgroundImage ?? '')).toContain('data:image/png');
    await viewer.evaluate(() => {
      const el = document.getElementById('n2k-watermark');
      if (el !== null) el.style.display = 'none';
    });
    await expect.poll(() => viewer.evaluate(() => document.getElementById('n2k-watermark')?.style.display)).toBe('block');
    await viewer.locator('figure.photo img').waitFor({ timeout: 20_000 });
    const screenshot = await viewer.screenshot({ path: join(shots, 'viewer-person.png') });
    // A leaked screenshot names its view (the invisible image mark), and so does leaked text.
    expect((await extractViewIds(new Uint8Array(screenshot))).viewIds).toEqual([viewId]);
    expect((await extractViewIds(new TextEncoder().encode(`leaked: ${text.slice(0, 40)}`))).viewIds).toEqual([viewId]);
  });

  it('blocks copy, select-all + copy and printing, and the clipboard holds nothing of the record', async () => {
    const clip = await context.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: scene.local.gateway.url });
    await clip.goto(`${scene.local.gateway.url}/docs`);
    await clip.evaluate(() => navigator.clipboard.writeText('clipboard sentinel'));
    await viewer.bringToFront();
    const before = Number(await viewer.getAttribute('footer span', 'data-blocked'));
    await viewer.click('.record h2');
    await viewer.dblclick('.record h2');
    await viewer.keyboard.press('Control+c');
    await viewer.keyboard.press('Control+a');
    await viewer.keyboard.press('Control+c');
    await viewer.keyboard.press('Control+x');
    await viewer.evaluate(() => window.print());
    await viewer.keyboard.press('Control+p');
    const selected = await viewer.evaluate(() => String(window.getSelection() ?? ''));
    expect(stripTextMarks(selected)).not.toContain(KHMER_NAME);
    await clip.bringToFront();
    expect(await clip.evaluate(() => navigator.clipboard.readText())).toBe('clipboard sentinel');
    await clip.close();
    await viewer.bringToFront();
    expect(Number(await viewer.getAttribute('footer span', 'data-blocked'))).toBeGreaterThanOrEqual(before + 5);
    // Print CSS: nothing of the record in a printout.
    await viewer.emulateMedia({ media: 'print' });
    expect(await viewer.evaluate(() => getComputedStyle(document.querySelector('.record') as Element).display)).toBe('none');
    await viewer.emulateMedia({ media: 'screen' });
  });

  it('reports the blocked attempts to the audit log', async () => {
    const viewId = (await viewer.getAttribute('section.content', 'data-view-id')) as string;
    await expect
      .poll(
        async () => {
          const exported = await scene.admin.getPath<{
            entries: { entry: { kind?: string; event?: string; view?: string; counts?: Record<string, number> } }[];
          }>(`/v1/audit/export?since=${encodeURIComponent(new Date(Date.now() - 600_000).toISOString())}`);
          return exported.entries
            .map((e) => e.entry)
            .filter((e) => e.kind === 'viewer' && e.event === 'blocked' && e.view === viewId)
            .reduce((n, e) => n + (e.counts?.copy ?? 0) + (e.counts?.print ?? 0), 0);
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(3);
  });

  it('opens a 50-value case quickly, blurs flagged photos, and reveals one only after a logged reason', async () => {
    const viewId = await openRecord(viewer, 'case', CASE_ID);
    const values = await viewer.$$eval('.record dd', (els) => els.length);
    expect(values).toBeGreaterThanOrEqual(50);
    figures.case_values = values;
    await viewer.waitForSelector('section.content[data-open-ms]');
    figures.case_open_ms = Number(await viewer.getAttribute('section.content', 'data-open-ms'));
    const protectedPhotos = viewer.locator('figure.photo[data-protected=yes]');
    expect(await protectedPhotos.count()).toBe(3);
    const photo = protectedPhotos.first();
    // The grant releases originals (two leadership approvals), but only by a reveal: until then the gateway sends the blurred rendition.
    await photo.locator('img').waitFor({ timeout: 20_000 });
    expect(await photo.locator('img').evaluate((img) => getComputedStyle(img).filter)).toContain('blur');
    expect(await photo.getAttribute('class')).toContain('blurred');
    await viewer.locator('figure.photo[data-protected=no] img').first().waitFor({ timeout: 20_000 });
    await viewer.screenshot({ path: join(shots, 'viewer-case-blurred.png'), fullPage: false });
    // What the page holds before the reveal is the gateway's blurred rendition; the original comes only with the logged reveal.
    const beforeReveal = await photo.locator('img').getAttribute('src');
    await photo.locator('button.reveal').click();
    await photo.locator('textarea[name=reason]').fill('to identify the minor for the child-protection referral');
    await photo.locator('button[type=submit]').click();
    await expect.poll(() => photo.getAttribute('data-revealed')).toBe('yes');
    expect(await photo.getAttribute('class')).not.toContain('blurred');
    expect(await photo.locator('img').evaluate((img) => getComputedStyle(img).filter)).toBe('none');
    expect(await photo.locator('img').getAttribute('src')).not.toBe(beforeReveal);
    await photo.scrollIntoViewIfNeeded();
    await viewer.screenshot({ path: join(shots, 'viewer-case-revealed.png') });
    const trace = await scene.admin.get<{ officer_id: string; reveals: { reason: string }[] }>(`/views/${viewId}`);
    expect(trace.officer_id).toBe(scene.officerId);
    expect(trace.reveals.map((r) => r.reason)).toEqual(['to identify the minor for the child-protection referral']);
  });

  it('scrolls under the watermark without jank, against the same page without it', async () => {
    const withMark = await scrollFrames(viewer);
    // Baseline in the same run: the same markup and styles in a plain page, no watermark layer.
    const css = readdirSync(join(extensionDir, 'tabs'))
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(join(extensionDir, 'tabs', f), 'utf8'))
      .join('\n');
    const html = await viewer.evaluate(() => document.querySelector('main')?.outerHTML ?? '');
    const plain = await context.newPage();
    await plain.setViewportSize({ width: 1280, height: 800 });
    await plain.setContent(`<!doctype html><style>${css}</style>${html}`);
    const baseline = await scrollFrames(plain);
    await plain.close();
    await viewer.bringToFront();
    figures.scroll_frame_ms = { watermark: withMark, baseline };
    expect(withMark.frames).toBeGreaterThan(30);
  });

  it('measures opening a 95-value case again: gateway round trip, then decrypt + render + watermark', async () => {
    const times: number[] = [];
    const local: number[] = [];
    const gateway: number[] = [];
    // Each photo is its own sealed delivery and view: let them settle so they do not share the
    // gateway with the record's view call being timed.
    // A quick return to the window is the same view (nothing opened again), so each round opens the
    // case anew from the form: the timing starts at the view call, as it did for a reopen.
    for (let i = 0; i < 5; i++) {
      await expect.poll(photosNotShown, { timeout: PHOTOS_SETTLE_MS }).toEqual([]);
      await openRecord(viewer, 'case', CASE_ID);
      await viewer.waitForSelector('section.content[data-open-ms]');
      times.push(Number(await viewer.getAttribute('section.content', 'data-open-ms')));
      local.push(Number(await viewer.getAttribute('section.content', 'data-local-ms')));
      gateway.push(Number(await viewer.getAttribute('section.content', 'data-gateway-ms')));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2];
    // Figures only (BENCHMARKS.md): timings on a shared machine are not pass/fail.
    figures.reopen_case_ms = { total_median: median(times), gateway_median: median(gateway), decrypt_render_watermark_median: median(local) };
    expect(times.every((t) => t > 0)).toBe(true);
  });

  it('hides the record when the viewer loses focus; a quick return is the same view, its hidden interval logged', async () => {
    const firstView = (await viewer.getAttribute('section.content', 'data-view-id')) as string;
    const since = new Date(Date.now() - 60_000).toISOString();
    const events = async () => {
      const exported = await scene.admin.getPath<{ entries: { entry: { kind?: string; event?: string; view?: string } }[] }>(
        `/v1/audit/export?since=${encodeURIComponent(since)}`,
      );
      return exported.entries.map((e) => e.entry).filter((e) => e.kind === 'viewer' && (e.event === 'view' || e.event === 'return'));
    };
    // Each photo opens its own view: let them settle before counting.
    await expect.poll(photosNotShown, { timeout: PHOTOS_SETTLE_MS }).toEqual([]);
    const viewsBefore = (await events()).filter((e) => e.event === 'view').length;
    for (let i = 0; i < 3; i++) {
      await viewer.evaluate(() => window.dispatchEvent(new Event('blur')));
      await expect.poll(() => viewer.locator('.record:visible').count()).toBe(0);
      expect(await viewer.locator('.paused').count()).toBe(1);
      await viewer.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect.poll(() => viewer.locator('.record:visible').count()).toBe(1);
      expect(await viewer.getAttribute('section.content', 'data-view-id')).toBe(firstView);
    }
    // Three window switches: no new view, three hidden intervals on the log with the view.
    await expect.poll(async () => (await events()).filter((e) => e.event === 'return' && e.view === firstView).length, { timeout: 10_000 }).toBe(3);
    expect((await events()).filter((e) => e.event === 'view').length).toBe(viewsBefore);
  });

  it('refuses once the window has ended: the keys are destroyed and nothing held opens again', async () => {
    await scene.admin.post(`/grants/${scene.grantId}/shorten`, {
      not_after: new Date(Date.now() + 2000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      reason: 'outbreak closed',
    });
    await new Promise((r) => setTimeout(r, 3500));
    await scene.admin.post('/housekeeping', {});
    await viewer.evaluate(() => window.dispatchEvent(new Event('blur')));
    await viewer.evaluate(() => window.dispatchEvent(new Event('focus')));
    await viewer.waitForSelector('.ended', { timeout: 15_000 });
    expect(await viewer.locator('.record').count()).toBe(0);
    await viewer.screenshot({ path: join(shots, 'viewer-ended.png') });
    const popup = await context.newPage();
    await popup.goto(`${base()}/popup.html`);
    await popup.waitForSelector('.grant');
    expect(await popup.textContent('.grant .state')).toBe('Ended');
    await popup.screenshot({ path: join(shots, 'popup-ended.png') });
    await popup.close();
  });

  // A data life longer than a browser timer can wait (2^31 ms, about 24.8 days) once made the viewer
  // drop the record at once and open it again, in a loop of logged views.
  it('keeps a case on screen under a year-long window and a 30-day data life, with exactly one logged view', async () => {
    longGrant = await scene.local.openGrant(
      { purpose_id: scene.purposeId, agency_id: 'moh-tracing-e2e', data_life_seconds: 30 * 86_400, note: 'e2e: long window' },
      365 * 24,
    );
    longViewer = await context.newPage();
    await longViewer.goto(`${base()}/tabs/viewer.html?grant=${encodeURIComponent(longGrant)}&purpose=${encodeURIComponent(scene.purposeId)}`);
    await longViewer.waitForSelector('form.search');
    const since = new Date(Date.now() - 60_000).toISOString();
    const viewId = await openRecord(longViewer, 'case', CASE_ID);
    await longViewer.waitForTimeout(6000);
    expect(await longViewer.locator('.record').count()).toBe(1);
    expect(await longViewer.getAttribute('section.content', 'data-view-id')).toBe(viewId);
    const views = (await viewerEntries(since)).filter((e) => e.event === 'view' && e.grant === longGrant);
    const disclosure = views.find((e) => e.view === viewId)?.disclosure;
    expect(disclosure).toBeDefined();
    expect(views.filter((e) => e.disclosure === disclosure)).toHaveLength(1);
  });

  it('clears the record within seconds when the grant is revoked while it is on screen', async () => {
    await longViewer.bringToFront();
    expect(await longViewer.locator('.record').count()).toBe(1);
    const revokedAt = Date.now();
    await scene.admin.post(`/grants/${longGrant}/revoke`, { reason: 'e2e: revoked while a record is on screen' });
    await expect.poll(() => longViewer.locator('.record').count(), { timeout: 10_000, interval: 200 }).toBe(0);
    figures.revoke_cleared_ms = Date.now() - revokedAt;
    await longViewer.waitForSelector('.ended');
    expect(await longViewer.textContent('.ended h2')).toContain('revoked');
    // Nothing held is opened again: no further view of the grant after the revocation.
    await longViewer.waitForTimeout(2000);
    expect(await longViewer.locator('.record').count()).toBe(0);
    await longViewer.screenshot({ path: join(shots, 'viewer-revoked.png') });
  });
});
