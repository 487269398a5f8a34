/**
 * The privacy officer's console in real Chromium against a local gateway with demo data: sign in
 * with a key file, create a purpose, request a 96-hour grant, approve it as a second officer, see
 * it live in the timeline, revoke it and watch a partner's token request fail; oversight figures,
 * the audit checkpoint verified in the browser, a subject access report; Khmer. Screenshots go to
 * test-results/console/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium } from './browser.js';
import { FETCHED, khmerFontInstalled, partnerToken, startConsoleWorld, type ConsoleWorld } from './console-fixture.js';

const PORT = 8812;
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'console');
const PURPOSE = 'outbreak-tracing-e2e';
const KHMER = /[\u1780-\u17FF]/;

let world: ConsoleWorld;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Content-security-policy or Trusted Types violations reported by any page. */
const violations: string[] = [];
/** Every URL the pages requested (checked for personal data). */
const requested: string[] = [];
let grantId = '';

async function officerPage(keyFile: string, officerId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Phnom_Penh' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (msg) => {
    if (/Content Security Policy|Trusted Type/i.test(msg.text())) violations.push(msg.text());
  });
  page.on('request', (r) => requested.push(r.url()));
  const response = await page.goto(`${world.url}/console`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.setInputFiles('#key-file', keyFile);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.locator(`[data-officer="${officerId}"]`).count(), { timeout: 15_000 }).toBe(1);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const ready = (page: Page, hash: string) => page.waitForSelector(`#app[data-ready="${hash}"]`, { timeout: 15_000 });

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  world = await startConsoleWorld(PORT);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await world?.local.close();
});

describe.skipIf(!hasChromium)('privacy officer console (needs Debian’s chromium)', () => {
  let sophea: Page;
  let dara: Page;

  it('signs an officer in with a key file, and refuses a file that is not one', async () => {
    sophea = await officerPage(world.keyFiles[0], world.officerIds[0]);
    await ready(sophea, '#/grants');
    await expect.poll(() => sophea.locator('svg.timeline g.bar-live').count()).toBeGreaterThanOrEqual(3); // the demo's live grants
    expect(await sophea.evaluate(() => document.cookie)).toBe('');

    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${world.url}/console`);
    await stranger.setInputFiles('#key-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
    await stranger.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => stranger.getByRole('alert').textContent()).toContain('not a privacy officer key file');
    await stranger.context().close();
  });

  it('creates a purpose with a disclosure mode per field', async () => {
    await sophea.getByRole('link', { name: 'Purposes' }).click();
    await ready(sophea, '#/purposes');
    await sophea.getByRole('link', { name: 'New purpose' }).click();
    await ready(sophea, '#/purposes/new');
    await sophea.getByLabel('Identifier').fill(PURPOSE);
    await sophea.getByLabel('Title', { exact: true }).fill('Tracing contacts of a new outbreak');
    await sophea.getByLabel('Legal basis').fill('Law on Measures to Prevent the Spread of COVID-19 (2021), art. 4 (synthetic reference)');
    await sophea.getByLabel('Ministry of Health — Contact-Tracing Unit').check();
    await sophea.getByLabel('search').check();
    await sophea.locator('details[data-record-type="person"] summary').click();
    await sophea.selectOption('select[name="mode.person.name_latin"]', 'clear');
    await sophea.selectOption('select[name="mode.person.phone"]', 'masked');
    await sophea.selectOption('select[name="mode.person.address"]', 'generalised');
    await sophea.selectOption('select[name="mode.person.date_of_birth"]', 'generalised');
    await sophea.getByRole('button', { name: 'Save' }).click();
    await ready(sophea, `#/purposes/${PURPOSE}`);
    const rules = sophea.locator('.rules[data-record-type="person"]');
    await expect.poll(() => rules.locator('tr[data-field="phone"] .mode').textContent()).toBe('masked');
    expect(await rules.locator('tr[data-field="address"] .mode').textContent()).toBe('generalised');
    expect(await rules.locator('tr[data-field="national_id"] .mode').textContent()).toBe('none');
    await shot(sophea, 'purpose');
  });

  it('edits a purpose: letting more out waits for a second officer', async () => {
    await sophea.getByRole('link', { name: 'Edit' }).click();
    await ready(sophea, `#/purposes/${PURPOSE}/edit`);
    expect(await unlabelledControls(sophea)).toEqual([]);
    await sophea.selectOption('select[name="mode.person.phone"]', 'clear');
    await sophea.getByLabel('Reason', { exact: true }).fill('Tracers must call contacts back');
    await sophea.getByRole('button', { name: 'Save' }).click();
    await ready(sophea, `#/purposes/${PURPOSE}`);
    await expect.poll(() => sophea.locator('.status').textContent()).toContain('waits for a second privacy officer');
    // Nothing changed yet.
    expect(await sophea.locator('.rules[data-record-type="person"] tr[data-field="phone"] .mode').textContent()).toBe('masked');
  });

  it('requests a grant with a 96-hour window in Phnom Penh time, waiting for a second officer', async () => {
    await sophea.getByRole('link', { name: 'Grants and windows' }).click();
    await ready(sophea, '#/grants');
    // Keyboard only: focus the button and press Enter.
    await sophea.getByRole('button', { name: 'New grant' }).focus();
    await sophea.keyboard.press('Enter');
    const dialog = sophea.getByRole('dialog');
    expect(await unlabelledControls(sophea)).toEqual([]);
    await dialog.getByLabel('Purpose').selectOption(PURPOSE);
    await expect.poll(() => dialog.locator('.zone').first().textContent()).toBe('Asia/Phnom_Penh (UTC+07:00)');
    expect(await dialog.locator('output.length').textContent()).toContain('96 h');
    await dialog.getByLabel('Data life (hours)').fill('48');
    await dialog.getByLabel('Note').fill('Outbreak in a Phnom Penh sangkat: tracers need names and phones for four days');
    await shot(sophea, 'grant-form');
    await dialog.getByRole('button', { name: 'New grant' }).click();
    await expect.poll(() => sophea.locator('.status').textContent()).toContain('A second privacy officer must approve');

    const { grants } = await world.local.officers[0]!.get<{ grants: { id: string; status: string; not_before: string; not_after: string }[] }>(
      `/grants?purpose_id=${PURPOSE}`,
    );
    expect(grants).toHaveLength(1);
    const grant = grants[0]!;
    grantId = grant.id;
    expect(grant.status).toBe('pending');
    expect((Date.parse(grant.not_after) - Date.parse(grant.not_before)) / 3600_000).toBe(96);
    await expect.poll(() => sophea.locator(`tr[data-grant="${grantId}"]`).textContent()).toContain(`asked by ${world.officerIds[0]}`);
    expect(await sophea.locator(`svg.timeline g.bar-pending[data-grant="${grantId}"]`).count()).toBe(1);
    expect((await partnerToken(world.url, tracer(), PURPOSE)).ok).toBe(false);
  });

  it('shows the request to the second officer, who approves it; the grant is live in the timeline', async () => {
    dara = await officerPage(world.keyFiles[1], world.officerIds[1]);
    await dara.getByRole('link', { name: 'Approvals' }).click();
    await ready(dara, '#/approvals');
    const row = dara.locator(`tr[data-grant="${grantId}"]`);
    await expect.poll(() => row.textContent()).toContain(world.officerIds[0]);
    expect(await row.textContent()).toContain('open the grant');
    const widening = dara.locator('tr[data-request]', { hasText: `widen a purpose: ${PURPOSE}` });
    expect(await widening.textContent()).toContain('person.phone');
    await shot(dara, 'approvals');
    await widening.getByRole('button', { name: /^Approve/ }).click();
    await dara.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => dara.locator('tr[data-request]', { hasText: `widen a purpose: ${PURPOSE}` }).count()).toBe(0);
    const widened = await world.local.officers[0]!.get<{ rules: { person: Record<string, string> } }>(`/purposes/${PURPOSE}`);
    expect(widened.rules.person.phone).toBe('clear');
    await row.getByRole('button', { name: /^Approve/ }).click();
    await dara.getByRole('dialog').getByLabel('Reason').fill('Checked against the outbreak declaration');
    await dara.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => dara.locator(`tr[data-grant="${grantId}"]`).count()).toBe(0);

    await dara.getByRole('link', { name: 'Grants and windows' }).click();
    await ready(dara, '#/grants');
    await expect.poll(() => dara.locator(`svg.timeline g.bar-live[data-grant="${grantId}"]`).count()).toBe(1);
    expect(await dara.locator(`tr[data-grant="${grantId}"]`).textContent()).toContain('Live now');
    // The window about to end is called out in words and marked on the timeline.
    expect(await dara.locator('.callout-warn').textContent()).toContain('Case review by the Ministry of Justice for Ministry of Justice ends');
    expect(await dara.locator(`svg.timeline g.bar-soon[data-grant="${world.endingGrant}"]`).count()).toBe(1);
    expect(await dara.locator(`svg.timeline g.bar-soon[data-grant="${grantId}"]`).count()).toBe(0);
    await shot(dara, 'timeline');
    expect(await partnerToken(world.url, tracer(), PURPOSE)).toEqual({ ok: true });
  });

  it('the requester cannot approve their own request', async () => {
    await sophea.reload();
    await sophea.setInputFiles('#key-file', world.keyFiles[0]);
    await sophea.getByRole('button', { name: 'Sign in' }).click();
    await ready(sophea, '#/grants');
    await sophea
      .locator(`tr[data-grant="${grantId}"]`)
      .getByRole('button', { name: /^Extend/ })
      .click();
    await sophea.getByRole('dialog').getByLabel('Reason').fill('The outbreak is not contained yet');
    await sophea.getByRole('dialog').getByRole('button', { name: 'Extend' }).click();
    await expect.poll(() => sophea.locator('.status').textContent()).toContain('Extension requested');
    await sophea.getByRole('link', { name: 'Approvals' }).click();
    await ready(sophea, '#/approvals');
    const row = sophea.locator(`tr[data-grant="${grantId}"]`);
    await expect.poll(() => row.textContent()).toContain('you asked for this'.replace('you', 'You'));
    expect(await row.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
  });

  it("a second officer approving an officer's registration is shown the enrolment code, once", async () => {
    const asked = await world.local.officers[0]!.post<{ pending_requests: string[] }>('/officers', {
      id: 'moh-officer-e2e-console',
      agency_id: 'moh-tracing',
      name: 'Sreyneang Om',
      reason: 'new tracer',
    });
    const request = asked.pending_requests[0] as string;
    await dara.getByRole('link', { name: 'Approvals' }).click();
    await ready(dara, '#/approvals');
    const row = dara.locator(`tr[data-request="${request}"]`);
    expect(await row.textContent()).toContain('register an officer');
    await row.getByRole('button', { name: /^Approve/ }).click();
    await dara.getByRole('dialog').getByLabel('Reason').fill('Appointment letter checked');
    await dara.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    const code = dara.locator('[data-enrolment-code]');
    await expect.poll(() => code.count()).toBe(1);
    expect(await code.textContent()).toMatch(/^[0-9A-Z]{6}(-[0-9A-Z]{6}){3}$/);
    await shot(dara, 'enrolment-code');
    await dara.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => code.count()).toBe(0);
    expect(await dara.locator(`tr[data-request="${request}"]`).count()).toBe(0);
  });

  it('revokes the grant; the partner can no longer get a token', async () => {
    await sophea.getByRole('link', { name: 'Grants and windows' }).click();
    await ready(sophea, '#/grants');
    await sophea
      .locator(`tr[data-grant="${grantId}"]`)
      .getByRole('button', { name: /^Revoke/ })
      .click();
    const dialog = sophea.getByRole('dialog');
    expect(await dialog.textContent()).toContain('ends this grant for good');
    await dialog.getByLabel('Reason').fill('Outbreak declared over by the health ministry');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    // An ended grant leaves the list, which hides ended grants by default, and shows when asked for.
    await expect.poll(() => sophea.locator(`tr[data-grant="${grantId}"]`).count()).toBe(0);
    await sophea.locator('[data-list="grants"]').getByLabel('Hide ended').uncheck();
    await expect.poll(() => sophea.locator(`tr[data-grant="${grantId}"]`).textContent()).toContain('revoked');
    expect(await sophea.locator(`svg.timeline g.bar-live[data-grant="${grantId}"]`).count()).toBe(0);
    expect(await partnerToken(world.url, tracer(), PURPOSE)).toEqual({ ok: false, status: 400, code: 'invalid_grant' });

    const { events } = await world.local.officers[0]!.get<{ events: { actor: string; action: string; target_id: string }[] }>('/events?limit=500');
    // Every console action is an administrative event of its officer (revocation also logs the shredding of viewer keys).
    const mine = events.filter((e) => e.target_id === grantId && /^grant\.(create|approve|extend|revoke)$/.test(e.action)).map((e) => `${e.actor} ${e.action}`);
    expect(mine).toEqual([
      `${world.officerIds[0]} grant.create`,
      `${world.officerIds[1]} grant.approve`,
      `${world.officerIds[0]} grant.extend`,
      `${world.officerIds[0]} grant.revoke`,
    ]);
  });

  it('shows oversight figures, verifies the audit log in the browser, and reports on a person without putting them in a URL', async () => {
    await sophea.getByRole('link', { name: 'Oversight' }).click();
    await ready(sophea, '#/oversight');
    const chart = sophea.locator('figure[data-series="moh-tracing/covid-contact-tracing"]');
    await expect.poll(() => chart.locator('[data-total="disclosed"]').textContent()).toBe(String(FETCHED));
    expect(await chart.locator('[data-total="refused"]').textContent()).toBe('1');
    await expect.poll(() => sophea.locator('[data-verification]').getAttribute('data-verification'), { timeout: 20_000 }).toBe('pass');

    await sophea.getByLabel('National ID number').fill(world.disclosedNationalId);
    await sophea.getByLabel(/Reason for the report/).fill('Letter from the person, ref. 2026/11/0042');
    await sophea.getByRole('button', { name: 'Run the report' }).click();
    const rows = sophea.locator('table[data-subject-report="rows"] tbody tr');
    await expect.poll(() => rows.count()).toBe(FETCHED / 3);
    for (const text of await rows.allTextContents()) expect(text).toContain('in the log');
    expect(await sophea.getByLabel('National ID number').inputValue()).toBe('');
    await shot(sophea, 'oversight');
    expect(requested.some((u) => u.includes(world.disclosedNationalId))).toBe(false);
  });

  it('switches to Khmer: texts, dates and numbers in Khmer', async () => {
    await sophea.locator('[data-lang="km"]').click();
    await ready(sophea, '#/oversight');
    expect(await sophea.evaluate(() => document.documentElement.lang)).toBe('km');
    expect(await sophea.locator('h1').textContent()).toMatch(KHMER);
    expect(await sophea.locator('nav.tabs').textContent()).toContain('ការអនុញ្ញាត');
    await sophea.locator('nav.tabs a').first().click();
    await ready(sophea, '#/grants');
    await sophea.locator('[data-list="grants"] input[name="grants-hide-ended"]').uncheck();
    const window = await sophea.locator(`tr[data-grant="${grantId}"] time`).first().textContent();
    expect(window).toMatch(/[០-៩]/); // Khmer digits
    await shot(sophea, 'khmer');
  });

  it.skipIf(!khmerFontInstalled())('renders Khmer with a Khmer font, not fallback boxes', async () => {
    const cdp = await sophea.context().newCDPSession(sophea);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.some((f) => /khmer/i.test(f.familyName))).toBe(true);
  });

  it('ran under its content security policy without a single violation', () => {
    expect(violations).toEqual([]);
  });
});

/** Form controls on the page that have no accessible name. */
function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter(
        (el) =>
          (el as HTMLInputElement).type !== 'hidden' &&
          (el as HTMLInputElement).labels?.length === 0 &&
          !el.hasAttribute('aria-label') &&
          !el.hasAttribute('aria-labelledby'),
      )
      .map((el) => (el as HTMLInputElement).name || el.id || el.tagName),
  );
}

function tracer() {
  const c = world.clients.find((x) => x.client_id === 'moh-tracing-app');
  if (c === undefined) throw new Error('no tracing partner');
  return c;
}
