/**
 * Row scope and copyable fields through the privacy officer's console, in real Chromium against a
 * local gateway: a grant's row scope shown in words and narrowed at once; a wider one announced as
 * waiting before it is sent, then approved by a second officer who reads it in words; the same
 * dialog in Khmer; a purpose's ceiling row scope and its copyable fields edited in the purpose
 * editor (unmarking applies at once, marking waits). Screenshots go to test-results/console-scope/.
 */
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactDir, CHROMIUM, CHROMIUM_FLAGS, hasChromium } from './browser.js';
import { startConsoleWorld, type ConsoleWorld } from './console-fixture.js';
import { signedInConsole } from './console-browser.js';

const PORT = 8874;
const SHOTS = artefactDir('console-scope');
const KHMER = /[\u1780-\u17FF]/;
const TRACING = 'covid-contact-tracing';

let world: ConsoleWorld;
let browser: Browser;
const contexts: BrowserContext[] = [];
const violations: string[] = [];

async function officerPage(keyFile: string, officerId: string): Promise<Page> {
  const { context, page } = await signedInConsole(browser, { url: world.url, keyFile, officerId, violations });
  contexts.push(context);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const ready = (page: Page, hash: string) => page.waitForSelector(`#app[data-ready="${hash}"]`, { timeout: 15_000 });
const statusLine = (page: Page) => page.locator('p.status').textContent();
const admin = () => {
  const officer = world.local.officers[0];
  if (officer === undefined) throw new Error('no bootstrap officer');
  return officer;
};

beforeAll(async () => {
  if (!hasChromium) return;
  world = await startConsoleWorld(PORT);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await world?.local.close();
});

describe.skipIf(!hasChromium)('row scope and copyable fields in the console (needs Debian’s chromium)', () => {
  let sophea: Page;
  let dara: Page;

  it('shows a grant’s row scope in words and narrows it at once, saying so before it is sent', async () => {
    sophea = await officerPage(world.keyFiles[0], world.officerIds[0]);
    await ready(sophea, '#/grants');
    const row = sophea.locator(`tr[data-grant="${world.endingGrant}"]`);
    expect(await row.locator('[data-row-scope]').textContent()).toBe('Row scope: All records');
    await row.getByRole('button', { name: /^Row scope/ }).click();
    const dialog = sophea.getByRole('dialog');
    expect(await dialog.getByRole('heading').textContent()).toContain('Row scope: ');
    expect(await dialog.getByRole('heading').textContent()).not.toContain(world.endingGrant);
    expect(await dialog.locator('[data-current-scope]').textContent()).toBe('All records');
    await dialog.getByLabel('Every record (no row scope)').uncheck();
    await dialog.getByLabel('Provinces').selectOption(['12', '08']);
    await dialog.getByLabel('Records dated from').fill('2026-03-01');
    await expect.poll(() => dialog.locator('[data-scope-words]').textContent()).toBe('Kandal and Phnom Penh; records since 1 March 2026');
    expect(await dialog.locator('[data-scope-change]').textContent()).toContain('narrows the scope: it applies at once');
    await dialog.getByLabel('Reason').fill('Only the two provinces of the referred cases');
    await shot(sophea, 'scope-narrow');
    await dialog.getByRole('button', { name: 'Change the row scope' }).click();
    await expect.poll(() => statusLine(sophea)).toContain('narrowed; it applies now');
    await expect
      .poll(() => sophea.locator(`tr[data-grant="${world.endingGrant}"] [data-row-scope]`).textContent())
      .toBe('Row scope: Kandal and Phnom Penh; records since 1 March 2026');
    expect(await admin().get<{ row_scope: unknown }>(`/grants/${world.endingGrant}`)).toMatchObject({
      row_scope: { places: ['08', '12'], from: '2026-03-01', until: null, links: [] },
    });
  });

  it('says a wider scope waits for a second officer, who reads it in words and approves it', async () => {
    const row = sophea.locator(`tr[data-grant="${world.endingGrant}"]`);
    await row.getByRole('button', { name: /^Row scope/ }).click();
    const dialog = sophea.getByRole('dialog');
    await dialog.getByLabel('Districts or communes (codes)').fill('0201');
    await expect.poll(() => dialog.locator('[data-scope-change]').getAttribute('data-scope-change')).toBe('widens');
    expect(await dialog.locator('[data-scope-change]').textContent()).toContain('waits for a second privacy officer');
    await dialog.getByLabel('Reason').fill('A linked case in Battambang');
    await dialog.getByRole('button', { name: 'Change the row scope' }).click();
    await expect.poll(() => statusLine(sophea)).toContain('waits for a second privacy officer');
    // Still the narrower scope until approved.
    expect(await admin().get<{ row_scope: { places: string[] } }>(`/grants/${world.endingGrant}`)).toMatchObject({ row_scope: { places: ['08', '12'] } });

    dara = await officerPage(world.keyFiles[1], world.officerIds[1]);
    await dara.getByRole('link', { name: 'Approvals' }).click();
    await ready(dara, '#/approvals');
    const request = dara.locator(`tr[data-grant="${world.endingGrant}"]`).first();
    await expect.poll(() => request.textContent()).toContain('widen the row scope to: 0201, Kandal and Phnom Penh; records since 1 March 2026');
    await shot(dara, 'scope-approval');
    await request.getByRole('button', { name: /^Approve/ }).click();
    await dara.getByRole('dialog').getByLabel('Reason').fill('Case file checked');
    await dara.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => dara.locator(`tr[data-grant="${world.endingGrant}"]`).count()).toBe(0);
    expect(await admin().get<{ row_scope: { places: string[] } }>(`/grants/${world.endingGrant}`)).toMatchObject({
      row_scope: { places: ['0201', '08', '12'] },
    });
  });

  it('shows and edits the row scope in Khmer', async () => {
    await dara.locator('[data-lang="km"]').click();
    await dara.locator('nav.tabs a[href="#/grants"]').click();
    await ready(dara, '#/grants');
    const row = dara.locator(`tr[data-grant="${world.endingGrant}"]`);
    await expect.poll(() => row.locator('[data-row-scope]').textContent()).toContain('ភ្នំពេញ');
    await row.locator('button', { hasText: 'វិសាលភាពកំណត់ត្រា' }).click();
    const dialog = dara.getByRole('dialog');
    expect(await dialog.locator('h2').textContent()).toMatch(KHMER);
    await dialog.locator('input[name="scope_codes"]').fill('');
    await expect.poll(() => dialog.locator('[data-scope-words]').textContent()).toBe('កណ្ដាល និង ភ្នំពេញ; កំណត់ត្រា ចាប់ពី ថ្ងៃទី 1 ខែមីនា ឆ្នាំ 2026');
    expect(await dialog.locator('[data-scope-change]').textContent()).toContain('អនុវត្តភ្លាម');
    await shot(dara, 'scope-khmer');
    await dialog.locator('.dialog-buttons button.secondary').click();
    await dara.locator('[data-lang="en"]').click();
  });

  it('requests a new grant with a row scope', async () => {
    await sophea.locator('nav.tabs a[href="#/grants"]').click();
    await ready(sophea, '#/grants');
    await sophea.getByRole('button', { name: 'New grant' }).click();
    const dialog = sophea.getByRole('dialog');
    await dialog.getByLabel('Purpose').selectOption('justice-case-review');
    await dialog.getByLabel('Every record (no row scope)').uncheck();
    await dialog.getByLabel('Provinces').selectOption(['12']);
    await dialog.getByLabel('Persons who are victims in cases inside this scope').check();
    await expect.poll(() => dialog.locator('[data-scope-words]').textContent()).toBe('Phnom Penh; persons who are victims in cases inside this scope');
    await dialog.getByLabel('Note').fill('Victims in the capital’s trafficking cases');
    await dialog.getByRole('button', { name: 'New grant' }).click();
    await expect.poll(() => statusLine(sophea)).toContain('A second privacy officer must approve');
    const { grants } = await admin().get<{ grants: { note: string; row_scope: unknown }[] }>('/grants?purpose_id=justice-case-review');
    expect(grants.find((g) => g.note === 'Victims in the capital’s trafficking cases')?.row_scope).toEqual({
      places: ['12'],
      from: null,
      until: null,
      links: ['victim_in_case'],
    });
  });

  it('edits a purpose’s ceiling row scope and copyable fields: unmarking applies at once, marking waits', async () => {
    await sophea.goto(`${world.url}/console#/purposes/${TRACING}/edit`);
    await ready(sophea, `#/purposes/${TRACING}/edit`);
    const phone = sophea.locator('details[data-record-type="person"] input[data-copyable="phone"]');
    expect(await phone.isChecked()).toBe(true);
    // A field the purpose does not disclose in clear cannot be marked.
    const name = sophea.locator('details[data-record-type="person"] select[data-field="name_latin"]');
    await name.selectOption('masked');
    expect(await sophea.locator('details[data-record-type="person"] input[data-copyable="name_latin"]').isDisabled()).toBe(true);
    await name.selectOption('clear');
    await phone.uncheck();
    const scope = sophea.locator('fieldset.row-scope');
    await scope.getByLabel('Every record (no row scope)').uncheck();
    await scope.getByLabel('Persons who appear in health cases inside this scope').check();
    await scope.getByLabel('Provinces').selectOption(['12']);
    expect(await scope.locator('[data-scope-change]').textContent()).toContain('applies at once');
    await sophea.locator('textarea[name="reason"]').fill('Tracing is limited to the capital’s outbreak');
    await shot(sophea, 'purpose-scope-copyable');
    await sophea.getByRole('button', { name: 'Save' }).click();
    await ready(sophea, `#/purposes/${TRACING}`);
    expect(await statusLine(sophea)).toContain('Purpose saved');
    expect(await sophea.locator('[data-row-scope]').textContent()).toBe('Phnom Penh; persons who appear in health cases inside this scope');
    expect(await sophea.locator('[data-copyable-fields]').textContent()).toBe('health_case.phone');
    expect(await admin().get<{ copyable: unknown; row_scope: unknown }>(`/purposes/${TRACING}`)).toMatchObject({
      copyable: { health_case: ['phone'] },
      row_scope: { places: ['12'], links: ['person_in_health_case'] },
    });

    await sophea.goto(`${world.url}/console#/purposes/${TRACING}/edit`);
    await ready(sophea, `#/purposes/${TRACING}/edit`);
    await sophea.locator('details[data-record-type="person"] input[data-copyable="phone"]').check();
    await sophea.locator('textarea[name="reason"]').fill('Tracers dial persons’ phones again');
    await sophea.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => statusLine(sophea)).toContain('second');
    expect(await admin().get<{ copyable: unknown }>(`/purposes/${TRACING}`)).toMatchObject({ copyable: { health_case: ['phone'] } });
  });

  it('ran under its content security policy', () => {
    expect(violations).toEqual([]);
  });
});
