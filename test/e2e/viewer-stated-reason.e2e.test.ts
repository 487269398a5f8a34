/**
 * A stated reason in the officer's viewer, in real Chromium against a local gateway (issue 16): under
 * a purpose that requires one, a search first asks for the case or outbreak number and the reason;
 * nothing is sent until both are given; the record then opens and the log entry of its disclosure
 * carries the reference and a keyed hash of the reason, never its text; the next search offers the
 * reference again and asks for the reason anew.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactDir, buildExtension, endViewerSuite, enrolViewer, hasChromium, launchWithExtension } from './browser.js';
import { PATIENT_PHONE_TYPED, viewerWorkScene, type ViewerWorkScene } from './extension-work-scene.js';

const PORT = 8853;
const shots = artefactDir('viewer-stated-reason');
const PURPOSE = 'e2e-tracing-with-reason';
const REFERENCE = 'OB-2026-17';
const REASON = 'តាមដានអ្នកប៉ះពាល់ករណី 17 — tracing contacts of case 17';

let scene: ViewerWorkScene;
let extensionDir: string;
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let context: BrowserContext;
let tracer: Page;
let grant: string;

const base = () => `chrome-extension://${browser.extensionId}`;

type DisclosureEntry = { kind?: string; grant?: string; outcome?: string; reference?: string; reason_hash?: string };
async function disclosuresSince(since: string): Promise<DisclosureEntry[]> {
  const exported = await scene.admin.getPath<{ entries: { entry: DisclosureEntry }[] }>(`/v1/audit/export?since=${encodeURIComponent(since)}`);
  return exported.entries.map((e) => e.entry).filter((e) => e.kind === 'disclosure' && e.grant === grant);
}

beforeAll(async () => {
  if (!hasChromium) return;
  scene = await viewerWorkScene(PORT);
  // The same tracing terms, under a purpose registered without saying: it discloses persons, so it requires a stated reason.
  await scene.admin.post('/purposes', {
    id: PURPOSE,
    title: 'Contact tracing, each request stated (test)',
    legal_basis: 'Synthetic legal basis for end-to-end tests',
    rules: { health_case: { name_km: 'clear', name_latin: 'clear', phone: 'clear', test_date: 'clear', result: 'clear' } },
    actions: ['fetch', 'search'],
    agencies: ['moh-tracing-e2e'],
    max_token_lifetime: 300,
    requests_per_minute: 600,
    persons_per_hour: 2000,
  });
  grant = await scene.local.openGrant({ purpose_id: PURPOSE, agency_id: 'moh-tracing-e2e', data_life_seconds: 3600, note: 'e2e: stated reason' }, 4);
  extensionDir = buildExtension(scene.local.gateway.url);
  browser = await launchWithExtension(extensionDir);
  context = browser.context;
  await enrolViewer(browser, scene.enrolmentCode);
  tracer = await context.newPage();
  await tracer.goto(`${base()}/tabs/viewer.html?grant=${encodeURIComponent(grant)}&purpose=${encodeURIComponent(PURPOSE)}`);
  await tracer.waitForSelector('form.search select[name=record_type]');
}, 600_000);

afterAll(async () => {
  if (!hasChromium) return;
  await endViewerSuite({ browser, gateway: scene?.local, extensionDir });
});

async function searchByPhone(): Promise<void> {
  await tracer.selectOption('select[name=record_type]', 'health_case');
  await tracer.waitForSelector('form.search select[name=kind]');
  await tracer.selectOption('select[name=kind]', 'phone');
  await tracer.fill('input[name=phone]', PATIENT_PHONE_TYPED);
  await tracer.click('form.search button[type=submit]');
}

describe.skipIf(!hasChromium)('a stated reason in the viewer (needs Debian’s chromium)', () => {
  it('asks for the case number and the reason before a search, sends nothing until both are given, and logs them with the disclosure', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    await searchByPhone();
    await tracer.waitForSelector('form.stated-reason');
    expect(await tracer.locator('.record').count()).toBe(0);
    expect(await tracer.isDisabled('form.stated-reason button[type=submit]')).toBe(true);
    await tracer.fill('form.stated-reason input[name=reference]', REFERENCE);
    expect(await tracer.isDisabled('form.stated-reason button[type=submit]')).toBe(true);
    await tracer.fill('form.stated-reason input[name=reason]', REASON);
    await tracer.screenshot({ path: join(shots, 'prompt.png'), fullPage: true });
    await tracer.click('form.stated-reason button[type=submit]');
    await tracer.waitForSelector('.record', { timeout: 20_000 });
    expect(await tracer.locator('form.stated-reason').count()).toBe(0);
    await expect
      .poll(async () => (await disclosuresSince(since)).map((e) => [e.outcome, e.reference]), { timeout: 10_000 })
      .toContainEqual(['disclosed', REFERENCE]);
    const entries = await disclosuresSince(since);
    expect(entries.every((e) => typeof e.reason_hash === 'string' && e.reason_hash.length > 0)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('tracing contacts');
  });

  it('offers the reference again on the next search and asks for the reason anew; cancelling sends nothing', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const before = (await disclosuresSince(since)).length;
    await searchByPhone();
    await tracer.waitForSelector('form.stated-reason');
    expect(await tracer.inputValue('form.stated-reason input[name=reference]')).toBe(REFERENCE);
    expect(await tracer.inputValue('form.stated-reason input[name=reason]')).toBe('');
    await tracer.click('form.stated-reason button[type=button]');
    expect(await tracer.locator('form.stated-reason').count()).toBe(0);
    expect((await disclosuresSince(since)).length).toBe(before);
  });
});
