/**
 * Setting up through the privacy officer's console alone, in real Chromium against a local
 * gateway: one officer registers a partner system (keys pasted and loaded from a file; a private
 * key refused before anything is sent) and an officer of a partner agency; a second officer sees
 * in words what each request changes, approves both and is shown the officer's enrolment code
 * once, with a warning that it is shown only once; two leadership officers give their leadership
 * approvals to a grant that asks for sensitive cases, the second in Khmer; the same registration
 * and approvals again wholly in Khmer. The Approvals count holds only what each officer may act on.
 * Screenshots go to test-results/console-setup/ (and the README's to docs/).
 */
import { generateClientKeys, publicJwkOf } from '@need2know/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyOfficerCredentials } from '../../scripts/lib/local-files.js';
import { writeOfficerKeyFiles } from '../../scripts/lib/officer-key-files.js';
import { artefactDir, CHROMIUM, CHROMIUM_FLAGS, hasChromium } from './browser.js';
import { startConsoleWorld, type ConsoleWorld } from './console-fixture.js';
import { readmeShot, signedInConsole } from './console-browser.js';

const PORT = 8817;
const SHOTS = artefactDir('console-setup');
const KHMER = /[\u1780-\u17FF]/;
const CLIENT = 'mot-dispatch-e2e';
const OFFICER = 'moh-officer-e2e-setup';
/** Registered through the console in Khmer. */
const CLIENT_KM = 'mot-dispatch-e2e-km';
const OFFICER_KM = 'moh-officer-e2e-setup-km';
/** The record type a sensitive-cases grant is about (the justice purpose discloses cases). */
const JUSTICE = { purpose: 'justice-case-review', agency: 'ministry-of-justice' } as const;

let world: ConsoleWorld;
let browser: Browser;
const contexts: BrowserContext[] = [];
const violations: string[] = [];
/** Every request body the pages sent (a refused private key must never be among them). */
const sent: string[] = [];
let leaderKeyFiles: [string, string];
let leaderIds: [string, string];
let sensitiveGrant = '';

async function officerPage(keyFile: string, officerId: string, lang: 'en' | 'km' = 'en'): Promise<Page> {
  const watch = (page: Page) =>
    page.on('request', (r) => {
      const body = r.postData();
      if (body !== null) sent.push(body);
    });
  const { context, page } = await signedInConsole(browser, { url: world.url, keyFile, officerId, violations, lang, watch });
  contexts.push(context);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const ready = (page: Page, hash: string) => page.waitForSelector(`#app[data-ready="${hash}"]`, { timeout: 15_000 });
/** How long a check waits for a view the console draws again after a change (the machine may be loaded). */
const SLOW = { timeout: 15_000 };
const statusLine = (page: Page) => page.locator('p.status').textContent();
/** The count on the page's Approvals tab (0 while hidden). */
const approvalsCount = async (page: Page) =>
  Number((await page.locator('nav.tabs a[href="#/approvals"] .count-badge').getAttribute('data-approvals-waiting')) ?? '0');
/** Pending grant and registry requests, those `officer` asked for and those others did (what they may act on). */
async function waitingFor(officer: string): Promise<{ mine: number; others: number }> {
  const grants = (await firstOfficer().get<{ requests: { requested_by: string }[] }>('/grant-requests')).requests;
  const registry = (await firstOfficer().get<{ requests: { requested_by: string }[] }>('/requests?status=pending')).requests;
  const all = [...grants, ...registry];
  const mine = all.filter((r) => r.requested_by === officer).length;
  return { mine, others: all.length - mine };
}

beforeAll(async () => {
  if (!hasChromium) return;
  world = await startConsoleWorld(PORT);
  // Two privacy officers with the leadership role, registered and approved like any officer.
  const leaders: PrivacyOfficerCredentials[] = [];
  for (const [id, name] of [
    ['po-leader-sokha', 'Sokha Kim'],
    ['po-leader-vanna', 'Vanna Chea'],
  ] as const) {
    const keys = await generateClientKeys();
    await world.local.registerClient({
      id,
      kind: 'privacy_officer',
      agency_id: 'privacy-office',
      name,
      roles: ['leadership'],
      signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    });
    leaders.push({ client_id: id, name, signing_jwk: keys.private.signing });
  }
  leaderKeyFiles = writeOfficerKeyFiles(mkdtempSync(join(tmpdir(), 'n2k-leader-keys-')), world.url, leaders) as [string, string];
  leaderIds = [leaders[0]?.client_id ?? '', leaders[1]?.client_id ?? ''];
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await world?.local.close();
});

describe.skipIf(!hasChromium)('setting up through the console (needs Debian’s chromium)', () => {
  let sophea: Page;
  let dara: Page;

  it('registers a partner system: keys pasted and loaded from a file; a private key is refused and never sent', async () => {
    sophea = await officerPage(world.keyFiles[0], world.officerIds[0]);
    await sophea.getByRole('link', { name: 'Agencies and officers' }).click();
    await ready(sophea, '#/registry');
    expect(await sophea.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await sophea.getByRole('button', { name: 'Register a system or privacy officer' }).click();
    const dialog = sophea.getByRole('dialog');
    expect(await unlabelledControls(sophea)).toEqual([]);
    const keys = await generateClientKeys();
    await dialog.getByLabel('Kind').selectOption('partner');
    await dialog.getByLabel('Identifier').fill(CLIENT);
    await dialog.getByLabel('Name', { exact: true }).fill('Transport ministry dispatch');
    await dialog.getByLabel('Agency').selectOption('moh-tracing');
    // A private key pasted by mistake: refused on the spot, not sent.
    const privateJwk = JSON.stringify({ keys: [keys.private.signing] });
    await dialog.getByLabel('Public signing keys').fill(privateJwk);
    await dialog
      .locator('input[type="file"]')
      .last()
      .setInputFiles({ name: 'encryption.jwk.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(publicJwkOf(keys.private.encryption))) });
    await expect.poll(() => dialog.getByLabel('Public encryption key').inputValue()).toContain('"kty"');
    await dialog.getByRole('button', { name: 'Register a system or privacy officer' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('PRIVATE key');
    expect(sent.some((b) => b.includes(String(keys.private.signing.d)))).toBe(false);

    await dialog.getByLabel('Public signing keys').fill(JSON.stringify({ keys: [{ ...publicJwkOf(keys.private.signing), kid: 'dispatch-2026' }] }));
    await shot(sophea, 'register-client');
    await dialog.getByRole('button', { name: 'Register a system or privacy officer' }).click();
    await expect.poll(() => statusLine(sophea)).toContain('can do nothing until a second privacy officer approves');
    const row = sophea.locator(`tr[data-client="${CLIENT}"]`);
    await expect.poll(() => row.textContent()).toContain('suspended');
    expect(await row.textContent()).toContain('a change waits for a second privacy officer');
    const stored = await firstOfficer().get<{ status: string; kind: string }>(`/clients/${CLIENT}`);
    expect(stored).toMatchObject({ status: 'suspended', kind: 'partner' });
  });

  it('registers an officer of a partner agency, waiting for a second officer', async () => {
    await sophea.getByRole('button', { name: 'Register an officer' }).click();
    const dialog = sophea.getByRole('dialog');
    expect(await unlabelledControls(sophea)).toEqual([]);
    await dialog.getByLabel('Officer identifier').fill(OFFICER);
    await dialog.getByLabel('Officer', { exact: true }).fill('Chanthou Ly');
    await dialog.getByLabel('Agency').selectOption('moh-tracing');
    await dialog.getByLabel('Reason').fill('New contact tracer, appointment letter 2026/118');
    await dialog.getByRole('button', { name: 'Register an officer' }).click();
    await expect.poll(() => statusLine(sophea)).toContain('is shown the enrolment code');
    await expect.poll(() => sophea.locator(`tr[data-officer-row="${OFFICER}"]`).textContent()).toContain('not enrolled');
    await shot(sophea, 'registry');
    // The requester cannot approve either, and the Approvals count leaves her own requests out.
    await sophea.getByRole('link', { name: 'Approvals' }).click();
    await ready(sophea, '#/approvals');
    const own = await waitingFor(world.officerIds[0]);
    expect(own.mine).toBe(2);
    await expect.poll(() => approvalsCount(sophea), SLOW).toBe(own.others);
    expect(
      await sophea
        .locator('tr[data-kind="officer.create"]', { hasText: OFFICER })
        .getByRole('button', { name: /^Approve/ })
        .count(),
    ).toBe(0);
  });

  it('the second officer sees in words what each request changes and approves both; the enrolment code is shown once', async () => {
    dara = await officerPage(world.keyFiles[1], world.officerIds[1]);
    await dara.getByRole('link', { name: 'Approvals' }).click();
    await ready(dara, '#/approvals');
    const client = dara.locator('tr[data-kind="client.activate"]', { hasText: CLIENT });
    await expect.poll(() => client.textContent()).toContain(`Activates Transport ministry dispatch (${CLIENT}), a partner system (receives records) of`);
    expect(await client.textContent()).toContain('1 signing key(s): dispatch-2026');
    const officer = dara.locator('tr[data-kind="officer.create"]', { hasText: OFFICER });
    expect(await officer.textContent()).toContain(`Registers Chanthou Ly (${OFFICER}) of`);
    expect(await officer.textContent()).toContain('shows you their one-time enrolment code');
    await shot(dara, 'approvals-in-words');

    await client.getByRole('button', { name: /^Approve/ }).click();
    await dara.getByRole('dialog').getByLabel('Reason').fill('Keys checked with the ministry by phone');
    await dara.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => dara.locator('tr[data-kind="client.activate"]', { hasText: CLIENT }).count()).toBe(0);
    expect(await firstOfficer().get<{ status: string }>(`/clients/${CLIENT}`)).toMatchObject({ status: 'active' });

    await officer.getByRole('button', { name: /^Approve/ }).click();
    await dara.getByRole('dialog').getByLabel('Reason').fill('Appointment letter checked');
    await dara.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    const code = dara.locator('[data-enrolment-code]');
    await expect.poll(() => code.count()).toBe(1);
    // The approval's own dialog has closed: only the code's is open.
    await expect.poll(() => dara.getByRole('dialog').count()).toBe(1);
    const shown = (await code.textContent()) ?? '';
    expect(shown).toMatch(/^[0-9A-Z]{6}(-[0-9A-Z]{6}){3}$/);
    expect(await dara.locator('[data-shown-once]').textContent()).toContain('Shown only once');
    expect(await dara.getByRole('dialog').getByRole('heading').textContent()).toContain('Chanthou Ly');
    await shot(dara, 'enrolment-code-once');
    await dara.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => code.count()).toBe(0);
    // Nowhere again: not on the page, not in the status line, not in the browser's storage.
    expect(await dara.evaluate((c) => document.body.textContent?.includes(c) ?? false, shown)).toBe(false);
    expect(await dara.evaluate((c) => JSON.stringify({ ...sessionStorage, ...localStorage }).includes(c), shown)).toBe(false);
    await dara.getByRole('link', { name: 'Agencies and officers' }).click();
    await ready(dara, '#/registry');
    await expect.poll(() => dara.locator(`tr[data-officer-row="${OFFICER}"]`).textContent()).toContain('code open until');
    expect(await dara.evaluate((c) => document.body.textContent?.includes(c) ?? false, shown)).toBe(false);
  });

  it('two leadership officers give their leadership approvals to a grant that asks for sensitive cases, the second in Khmer', async () => {
    const now = Date.now();
    const grant = await firstOfficer().post<{ id: string; requests: { id: string }[] }>('/grants', {
      purpose_id: JUSTICE.purpose,
      agency_id: JUSTICE.agency,
      not_before: new Date(now).toISOString(),
      not_after: new Date(now + 30 * 24 * 3600_000).toISOString(),
      data_life_seconds: 24 * 3600,
      sensitive_cases: true,
      note: 'Trafficking case referred to court: the prosecutor needs the sensitive case file',
    });
    sensitiveGrant = grant.id;

    const sokha = await officerPage(leaderKeyFiles[0], leaderIds[0]);
    await sokha.getByRole('link', { name: 'Approvals' }).click();
    await ready(sokha, '#/approvals');
    const row = sokha.locator(`tr[data-leadership-grant="${sensitiveGrant}"]`);
    await expect.poll(() => row.textContent()).toContain('cases marked sensitive');
    // Her count holds the leadership approval she may give; a privacy officer without the role is not counted it.
    await expect.poll(async () => (await approvalsCount(sokha)) - (await waitingFor(leaderIds[0])).others, SLOW).toBe(1);
    await dara.getByRole('link', { name: 'Approvals' }).click();
    await ready(dara, '#/approvals');
    await expect.poll(async () => (await approvalsCount(dara)) - (await waitingFor(world.officerIds[1])).others, SLOW).toBe(0);
    expect(await row.locator('[data-approvals]').textContent()).toBe('0 of 2');
    await row.getByRole('button', { name: /^Approve as leadership/ }).click();
    const dialog = sokha.getByRole('dialog');
    expect(await dialog.textContent()).toContain('cases marked sensitive');
    await dialog.getByLabel('Reason').fill('Court order 2026/77 read');
    await dialog.getByRole('button', { name: 'Approve as leadership' }).click();
    await expect.poll(() => statusLine(sokha)).toContain('Leadership approval recorded (1 in force)');
    await expect.poll(() => sokha.locator(`tr[data-leadership-grant="${sensitiveGrant}"] [data-approvals]`).textContent()).toBe('1 of 2');
    expect(await sokha.locator(`tr[data-leadership-grant="${sensitiveGrant}"]`).textContent()).toContain('You have approved it.');
    await shot(sokha, 'leadership-approval');

    const vanna = await officerPage(leaderKeyFiles[1], leaderIds[1], 'km');
    await vanna.locator('nav.tabs a[href="#/approvals"]').click();
    await ready(vanna, '#/approvals');
    expect(await vanna.locator('h1').textContent()).toMatch(KHMER);
    expect(await unlabelledControls(vanna)).toEqual([]);
    const kmRow = vanna.locator(`tr[data-leadership-grant="${sensitiveGrant}"]`);
    expect(await kmRow.textContent()).toContain('ករណីដែលបានសម្គាល់ថារសើប');
    await kmRow.locator('button.primary').click();
    await vanna.getByRole('dialog').locator('textarea[name="reason"]').fill('បានអានដីកាតុលាការ');
    await vanna.getByRole('dialog').locator('button[type="submit"]').click();
    await expect.poll(() => vanna.locator(`tr[data-leadership-grant="${sensitiveGrant}"]`).count()).toBe(0);
    await shot(vanna, 'leadership-khmer');

    const after = await firstOfficer().get<{ leadership_approvals_in_force: string[] }>(`/grants/${sensitiveGrant}`);
    expect(after.leadership_approvals_in_force).toEqual(leaderIds);
    const { events } = await firstOfficer().get<{ events: { actor: string; action: string; target_id: string }[] }>('/events?limit=500');
    expect(events.filter((e) => e.target_id === sensitiveGrant && e.action === 'grant.leadership_approve').map((e) => e.actor)).toEqual(leaderIds);
  });

  it('in Khmer: registers a partner system and an officer, each waiting for the second officer, who approves them in Khmer', async () => {
    await sophea.locator('[data-lang="km"]').click();
    await sophea.locator('nav.tabs a[href="#/registry"]').click();
    await ready(sophea, '#/registry');
    expect(await sophea.locator('h1').textContent()).toMatch(KHMER);
    await sophea.locator('.section-head button').nth(1).click();
    let dialog = sophea.getByRole('dialog');
    expect(await unlabelledControls(sophea)).toEqual([]);
    expect(await dialog.locator('h2').textContent()).toMatch(KHMER);
    const keys = await generateClientKeys();
    await dialog.locator('select[name="kind"]').selectOption('partner');
    await dialog.locator('input[name="id"]').fill(CLIENT_KM);
    await dialog.locator('input[name="name"]').fill('ប្រព័ន្ធបញ្ជូនរបស់ក្រសួងដឹកជញ្ជូន');
    await dialog.locator('select[name="agency_id"]').selectOption('moh-tracing');
    await dialog.locator('textarea[name="signing_jwks"]').fill(JSON.stringify({ keys: [publicJwkOf(keys.private.signing)] }));
    await dialog.locator('textarea[name="encryption_jwk"]').fill(JSON.stringify(publicJwkOf(keys.private.encryption)));
    await shot(sophea, 'register-client-khmer');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => statusLine(sophea), SLOW).toContain('រហូតដល់មន្ត្រីការពារឯកជនភាពទីពីរអនុម័ត');

    await sophea.locator('.section-head button').nth(2).click();
    dialog = sophea.getByRole('dialog');
    await dialog.locator('input[name="id"]').fill(OFFICER_KM);
    await dialog.locator('input[name="name"]').fill('លី ច័ន្ទធូ');
    await dialog.locator('select[name="agency_id"]').selectOption('moh-tracing');
    await dialog.locator('textarea[name="reason"]').fill('អ្នកតាមដានថ្មី លិខិតតែងតាំង ២០២៦/១១៩');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => statusLine(sophea), SLOW).toContain('បានចុះបញ្ជីមន្ត្រី');
    await expect.poll(() => sophea.locator(`tr[data-client="${CLIENT_KM}"]`).count(), SLOW).toBe(1);
    await expect.poll(() => sophea.locator(`tr[data-officer-row="${OFFICER_KM}"]`).count(), SLOW).toBe(1);
    // For the README: the two new entries alone, each waiting for the second officer.
    await sophea.locator('[data-list="clients"] input[type="search"]').fill(CLIENT_KM);
    await sophea.locator('[data-list="officers"] input[type="search"]').fill(OFFICER_KM);
    await readmeShot(sophea, 'console-registration-waiting-km', [
      sophea.locator('section', { has: sophea.locator('[data-list="clients"]') }),
      sophea.locator('section', { has: sophea.locator('[data-list="officers"]') }),
    ]);
    await shot(sophea, 'registration-waiting-khmer');
    expect(await firstOfficer().get<{ status: string }>(`/clients/${CLIENT_KM}`)).toMatchObject({ status: 'suspended' });

    await dara.locator('[data-lang="km"]').click();
    // Dara is on the Approvals tab already: go there again so that the view is drawn afresh, and wait for it.
    await dara.locator('nav.tabs a[href="#/grants"]').click();
    await ready(dara, '#/grants');
    await dara.locator('nav.tabs a[href="#/approvals"]').click();
    await ready(dara, '#/approvals');
    const client = dara.locator('tr[data-kind="client.activate"]', { hasText: CLIENT_KM });
    const officer = dara.locator('tr[data-kind="officer.create"]', { hasText: OFFICER_KM });
    await expect.poll(() => client.count(), SLOW).toBe(1);
    expect(await client.textContent()).toMatch(KHMER);
    await client.locator('button.primary').click();
    await dara.getByRole('dialog').locator('textarea[name="reason"]').fill('បានពិនិត្យសោជាមួយក្រសួងតាមទូរសព្ទ');
    await dara.getByRole('dialog').locator('button[type="submit"]').click();
    await expect.poll(() => client.count(), SLOW).toBe(0);
    expect(await firstOfficer().get<{ status: string }>(`/clients/${CLIENT_KM}`)).toMatchObject({ status: 'active' });
    await officer.locator('button.primary').click();
    await dara.getByRole('dialog').locator('textarea[name="reason"]').fill('បានពិនិត្យលិខិតតែងតាំង');
    await dara.getByRole('dialog').locator('button[type="submit"]').click();
    const code = dara.locator('[data-enrolment-code]');
    await expect.poll(() => code.count(), SLOW).toBe(1);
    expect(await dara.getByRole('dialog').getByRole('heading').textContent()).toContain('លេខកូដចុះឈ្មោះ');
    expect(await dara.locator('[data-shown-once]').textContent()).toMatch(KHMER);
    await shot(dara, 'enrolment-code-once-khmer');
    await dara.getByRole('dialog').locator('button[type="submit"]').click();
    await expect.poll(() => code.count(), SLOW).toBe(0);
  });

  it('ran under its content security policy, with valid input patterns', () => {
    expect(violations).toEqual([]);
  });
});

/** The gateway's first bootstrap officer, for checks through the admin API. */
function firstOfficer() {
  const officer = world.local.officers[0];
  if (officer === undefined) throw new Error('no bootstrap officer');
  return officer;
}

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
