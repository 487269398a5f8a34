/**
 * Auditing a photo's redaction in the privacy officer's console, in real Chromium against a local
 * gateway: the police data owner uploads an evidence photo of witnesses (the detector package's
 * `demo/sample1.jpg`, the project's only real faces) and adds two regions with reasons; a privacy
 * officer opens its redaction from the Redactions tab by owner and reference and sees the redacted
 * rendition drawn with the faces found and the regions, the reasons and who set them, and that the
 * audit was recorded — with no content security policy violation, no way to ask for the original,
 * and no face the gateway's detector can find in what the console drew. Then she asks to compare the
 * photo with its original, with a reason; a leadership officer approves it from the Approvals page
 * signed in in Khmer (the request said in Khmer words), a second one through the API, and her next
 * opening shows the original beside the rendition, marked as the original, the opening recorded
 * with the approval. The leader's Approvals tab counts the request while she may approve it, and not
 * after. Finally the officer withdraws her request from the Redactions tab, after a confirmation,
 * and the original is no longer shown. Screenshots go to test-results/console-redaction/; with
 * `N2K_UPDATE_SCREENSHOTS=1` the README's too (docs/console-redaction-audit.png).
 */
import { generateClientKeys, GatewayError, GatewaySession, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { decodePng } from '@need2know/png';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOfficerKeyFiles } from '../../scripts/lib/officer-key-files.js';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';
import { AdminClient } from '../../scripts/lib/admin-client.js';
import { artefactDir, CHROMIUM, CHROMIUM_FLAGS, hasChromium } from './browser.js';
import { signedInConsole } from './console-browser.js';
import { confidentFaces, faceApiFile } from './faces-in-node.js';

const PORT = 8847;
const SHOTS = artefactDir('console-redaction');
const OWNER = 'police-redaction-e2e';
const OWNER_CLIENT = 'police-redaction-e2e-ingest';
const CASE_ID = 'case-e2e-0400';
const REF = 'media/case/e2e-0400/witnesses.jpg';
const OFFICER = 'po-redaction-sophea';
const LEADERS = ['po-redaction-lead-dara', 'po-redaction-lead-vanna'] as const;
const WHY = 'Complaint 14/2026: a witness says her face can be recognised';

let local: LocalGateway;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
/** The leadership officers: the first signs in to the console (its key file), the second uses the API. */
let leaderKeyFile: string;
let secondLeader: AdminClient;

async function upload(): Promise<void> {
  const keys = await generateClientKeys();
  await local.registerClient({
    id: OWNER_CLIENT,
    kind: 'data_owner',
    agency_id: OWNER,
    name: 'Evidence photos (test)',
    signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    encryption_jwk: publicJwkOf(keys.private.encryption),
    ingest_types: ['case'],
  });
  const police = await GatewaySession.open({
    issuer: local.gateway.url,
    clientId: OWNER_CLIENT,
    signingKey: await signingKeyFromJwk(keys.private.signing),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['case'] }] },
  });
  await police.json('/v1/ingest/case', {
    body: {
      id: CASE_ID,
      case_number: '12-2026-0000400',
      criterion: 1,
      offence: 'Snatching of a handbag at a wedding party',
      occurred_on: '2026-09-12',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Khan Daun Penh Police Inspectorate',
      evidence: [{ media_ref: REF, kind: 'photo', shows_minor: false, shows_restrained: false, shows_witness: true }],
      sensitivity: 'normal',
    },
  });
  const form = new FormData();
  form.set('record_type', 'case');
  form.set('record_id', CASE_ID);
  form.set('ref', REF);
  form.set('original', new Blob([faceApiFile('demo/sample1.jpg').slice()], { type: 'image/jpeg' }), 'original');
  const res = await police.fetch('/v1/ingest/media', { method: 'PUT', body: form });
  if (!res.ok) throw await GatewayError.from(res);
  await police.json('/v1/ingest/media/regions', {
    method: 'PUT',
    body: {
      ref: REF,
      regions: [
        { x: 100, y: 900, width: 300, height: 120, reason: 'plate' },
        { x: 1500, y: 900, width: 200, height: 200, reason: 'other', note: 'a name badge' },
      ],
    },
  });
}

beforeAll(async () => {
  if (!hasChromium) return;
  local = await startLocalGateway(PORT);
  try {
    const [admin] = local.officers;
    if (admin === undefined) throw new Error('no officer');
    await admin.post('/agencies', { id: OWNER, name: 'National Police (test)' });
    await admin.post('/agencies', { id: 'privacy-office-redaction-e2e', name: 'Privacy Office (test)' });
    await upload();
    const keys = await generateClientKeys();
    await local.registerClient({
      id: OFFICER,
      kind: 'privacy_officer',
      agency_id: 'privacy-office-redaction-e2e',
      name: 'Sophea Chan',
      signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    });
    const leaderKeys = await Promise.all(LEADERS.map(() => generateClientKeys()));
    for (const [i, id] of LEADERS.entries())
      await local.registerClient({
        id,
        kind: 'privacy_officer',
        agency_id: 'privacy-office-redaction-e2e',
        name: i === 0 ? 'Dara Keo' : 'Vanna Sok',
        roles: ['leadership'],
        signing_jwks: { keys: [publicJwkOf((leaderKeys[i] as typeof keys).private.signing)] },
      });
    const [keyFile, leadFile] = writeOfficerKeyFiles(mkdtempSync(join(tmpdir(), 'n2k-redaction-keys-')), local.gateway.url, [
      { client_id: OFFICER, name: 'Sophea Chan', signing_jwk: keys.private.signing },
      { client_id: LEADERS[0], name: 'Dara Keo', signing_jwk: (leaderKeys[0] as typeof keys).private.signing },
    ]);
    leaderKeyFile = leadFile as string;
    secondLeader = await AdminClient.signIn(local.gateway.url, {
      client_id: LEADERS[1],
      name: 'Vanna Sok',
      signing_jwk: (leaderKeys[1] as typeof keys).private.signing,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    ({ context, page } = await signedInConsole(browser, {
      url: local.gateway.url,
      keyFile: keyFile as string,
      officerId: OFFICER,
      violations,
      height: 1000,
      timeout: 15_000,
    }));
  } catch (err) {
    await local.close();
    throw err;
  }
}, 600_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await local?.close();
});

describe.skipIf(!hasChromium)('a photo’s redaction, audited in the console (needs Debian’s chromium)', () => {
  it('shows the redacted rendition with the faces found and the regions, their reasons and who set them, and records the audit', async () => {
    await page.getByRole('link', { name: 'Redactions' }).click();
    await page.waitForSelector('#app[data-ready="#/redactions"]');
    // Only protected renditions can be asked for.
    expect(await page.locator('select[name=rendition] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([
      'protected',
      'redacted',
      'blurred',
    ]);
    await page.getByLabel('Data owner', { exact: true }).selectOption(OWNER);
    await page.getByLabel('Photo reference', { exact: true }).fill(REF);
    await page.getByRole('button', { name: 'Open the redaction' }).click();
    const canvas = page.locator('canvas[data-rendition="redacted"]');
    await canvas.waitFor();
    expect(await page.locator('[data-redaction-faces] tbody tr').count()).toBeGreaterThanOrEqual(3);
    const regions = await page.locator('[data-redaction-regions] tbody tr').evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').trim()));
    expect(regions).toHaveLength(2);
    expect(regions[0]).toContain('plate');
    expect(regions[1]).toContain('a name badge');
    expect(await page.getAttribute('[data-regions-set-by]', 'data-regions-set-by')).toBe(OWNER_CLIENT);
    expect(await page.textContent('main')).toContain('goes out redacted');

    // Recorded by the gateway as this officer's audit, before the answer.
    const seq = Number(await page.getAttribute('[data-audit-recorded]', 'data-audit-recorded'));
    const [admin] = local.officers;
    const events = await admin?.get<{ events: { seq: number; actor: string; action: string }[] }>('/events?limit=500');
    expect(events?.events.find((e) => e.seq === seq)).toMatchObject({ actor: OFFICER, action: 'media.redaction_audit' });

    // What the console drew shows no face the gateway's detector can find.
    await canvas.scrollIntoViewIfNeeded();
    const drawn = await decodePng(new Uint8Array(await canvas.screenshot()), { maxPixels: 4_200_000 });
    expect(drawn.width).toBeGreaterThanOrEqual(700);
    expect(await confidentFaces(drawn, 'tiny')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'redaction.png'), fullPage: true });
    expect(violations).toEqual([]);
  }, 120_000);

  it('answers another owner’s photo like a missing one, in words', async () => {
    await page.getByLabel('Data owner', { exact: true }).selectOption('privacy-office-redaction-e2e');
    await page.getByRole('button', { name: 'Open the redaction' }).click();
    await page.waitForSelector('main [role="alert"]');
    expect(await page.textContent('main [role="alert"]')).toContain('not_found');
    expect(await page.locator('canvas').count()).toBe(0);
    expect(violations).toEqual([]);
  });

  it('compares the rendition with the original once two leadership officers approved her request, and records the opening', async () => {
    await page.getByLabel('Data owner', { exact: true }).selectOption(OWNER);
    await page.getByLabel('Photo reference', { exact: true }).fill(REF);
    await page.getByRole('button', { name: 'Open the redaction' }).click();
    await page.locator('canvas[data-rendition="redacted"]').waitFor();
    expect(await page.locator('canvas[data-rendition="original"]').count()).toBe(0);

    // She asks, with her reason.
    await page.getByRole('button', { name: 'Request to compare with the original' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason', { exact: true }).fill(WHY);
    await dialog.getByRole('button', { name: 'Request to compare with the original' }).click();
    await page.waitForSelector('[data-original-state="awaiting"]');
    expect(await page.textContent('[data-original-state="awaiting"]')).toContain('0 of 2');
    // Her own request can be withdrawn while it waits.
    expect(await page.locator('[data-original-state="awaiting"] [data-original-withdraw]').count()).toBe(1);
    // Asking for the original herself is still refused in words.
    const [admin] = local.officers;
    const pending = await admin?.get<{ requests: { id: string; requested_by: string; ref: string }[] }>('/media/original-audits');
    const request = pending?.requests.find((r) => r.requested_by === OFFICER && r.ref === REF);
    expect(request).toBeDefined();

    // A leadership officer, in Khmer, sees the request in words on the Approvals page and approves it.
    const lead = await signedInConsole(browser, {
      url: local.gateway.url,
      keyFile: leaderKeyFile,
      officerId: LEADERS[0],
      violations,
      lang: 'km',
      timeout: 15_000,
    });
    try {
      // Nothing else waits for her: the tab counts this one request, which she may approve.
      await lead.page.waitForSelector('.count-badge[data-approvals-waiting="1"]');
      await lead.page.locator('a[href="#/approvals"]').click();
      await lead.page.waitForSelector('#app[data-ready="#/approvals"]');
      const row = lead.page.locator(`[data-original-audit="${request?.id}"]`);
      const words = (await row.textContent()) ?? '';
      expect(words).toContain('ប្រៀបធៀបរូបដើមនៃរូបថត');
      expect(words).toContain(REF);
      expect(words).toContain(WHY);
      expect(words).toContain(OFFICER);
      await row.getByRole('button').click();
      await lead.page.getByRole('dialog').locator('textarea[name="reason"]').fill('ពាក្យបណ្តឹង ១៤/២០២៦');
      await lead.page.getByRole('dialog').locator('button[type="submit"]').click();
      await lead.page.waitForSelector(`[data-original-audit="${request?.id}"] [data-approvals="1"]`);
      await lead.page.screenshot({ path: join(SHOTS, 'original-approval-km.png'), fullPage: true });
      // Approved by her now: no longer counted.
      await lead.page.locator('a[href="#/grants"]').click();
      await lead.page.waitForSelector('.count-badge[data-approvals-waiting="0"]', { state: 'attached' });
    } finally {
      await lead.context.close();
    }
    // The second leadership officer approves through the API.
    await secondLeader.post(`/media/original-audits/${request?.id}/leadership-approve`, { reason: 'Complaint warrants it' });

    // Her next opening shows the original beside the rendition, marked as the original.
    await page.getByRole('button', { name: 'Open the redaction' }).click();
    const original = page.locator('canvas[data-rendition="original"]');
    await original.waitFor();
    expect(await page.locator('canvas[data-rendition="redacted"]').count()).toBe(1);
    expect(await page.getAttribute('[data-original-approval]', 'data-original-approval')).toBe(request?.id);
    expect(await page.textContent('.original-picture')).toContain('ORIGINAL, not redacted');
    const seq = Number(await page.getAttribute('[data-audit-recorded]', 'data-audit-recorded'));
    const events = await admin?.get<{ events: { seq: number; actor: string; action: string; detail: Record<string, unknown> }[] }>('/events?limit=500');
    expect(events?.events.find((e) => e.seq === seq)).toMatchObject({
      actor: OFFICER,
      action: 'media.redaction_audit',
      detail: { original: true, approval: request?.id, reason: WHY },
    });
    // The original is the picture with its faces: the detector finds them in what the console drew.
    await original.scrollIntoViewIfNeeded();
    const drawn = await decodePng(new Uint8Array(await original.screenshot()), { maxPixels: 4_200_000 });
    expect((await confidentFaces(drawn, 'tiny')).length).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'redaction-with-original.png'), fullPage: true });
    // The README's picture: what was recorded, the rendition and the original side by side, and the marking.
    const top = await page.locator('[data-audit-recorded]').boundingBox();
    const bottom = await page.locator('.redaction-compare').boundingBox();
    if (top === null || bottom === null) throw new Error('nothing drawn');
    // Bounding boxes are in the viewport; a full-page clip is in the page.
    const scrolled = await page.evaluate(() => window.scrollY);
    const clip = { x: bottom.x - 8, y: top.y + scrolled - 8, width: bottom.width + 16, height: bottom.y + bottom.height - top.y + 16 };
    await page.screenshot({ path: join(SHOTS, 'redaction-compare.png'), fullPage: true, scale: 'css', clip });
    if (process.env.N2K_UPDATE_SCREENSHOTS === '1')
      await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'console-redaction-audit.png'), fullPage: true, scale: 'css', clip });
    expect(violations).toEqual([]);
  }, 240_000);

  it('withdraws her request from the Redactions tab after a confirmation: the original is no longer shown, the request ended as withdrawn', async () => {
    // Still open from the comparison above, in force.
    const withdraw = page.locator('[data-original-state="in_force"] [data-original-withdraw]');
    await withdraw.click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('the original is no longer shown to you');
    await dialog.getByLabel('Reason', { exact: true }).fill('Comparison done');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await page.waitForSelector('[data-original-state="none"]');
    expect(await page.locator('canvas[data-rendition="original"]').count()).toBe(0);
    expect(await page.locator('canvas[data-rendition="redacted"]').count()).toBe(1);
    const [admin] = local.officers;
    const all = await admin?.get<{ requests: { requested_by: string; ref: string; status: string; closed_by: string | null }[] }>(
      '/media/original-audits?status=all',
    );
    expect(all?.requests.filter((r) => r.requested_by === OFFICER && r.ref === REF)).toMatchObject([{ status: 'withdrawn', closed_by: OFFICER }]);
    expect(violations).toEqual([]);
  }, 120_000);
});
