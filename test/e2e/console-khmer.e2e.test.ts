/**
 * The console in Khmer, in real Chromium against a local gateway: fields named in Khmer words in
 * the purpose view, the purpose editor and who saw what (the code in small type beside them), no
 * mode named twice ("មិនបង្ហាញ — មិនបង្ហាញ"), an identifier the browser refuses with the Khmer hint
 * (the pattern compiles), and a refusal of the gateway in a plain Khmer sentence that says what to
 * do, never its raw code. Screenshots go to test-results/console-khmer/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { km } from '../../gateway/console/src/i18n/km.js';
import { artefactDir, hasChromium } from './browser.js';
import { closeConsole, openConsole } from './console-browser.js';
import type { ConsoleWorld } from './console-fixture.js';

const PORT = 8893;
const OUT = artefactDir('console-khmer');
const TRACING = 'covid-contact-tracing';
const KHMER = /[\u1780-\u17FF]/;

let world: ConsoleWorld;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  ({ world, browser, context, page } = await openConsole(PORT, { violations, lang: 'km' }));
});

afterAll(() => closeConsole({ world, browser, context }));

const open = async (hash: string) => {
  await page.goto(`${world.url}/console${hash}`);
  await page.waitForSelector(`#app[data-ready="${hash}"]`, { timeout: 15_000 });
};
const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });

describe.skipIf(!hasChromium)('the console in Khmer (needs Debian’s chromium)', () => {
  it('names the fields of a purpose in Khmer words, with their code beside them', async () => {
    await open(`#/purposes/${TRACING}`);
    const phone = page.locator('.rules[data-record-type="health_case"] tr[data-field="phone"] th');
    expect(await phone.locator('.field-label').textContent()).toBe('ទូរស័ព្ទ');
    expect(await phone.locator('.field-code').textContent()).toBe('phone');
    expect(await page.locator('.rules[data-record-type="health_case"] tr[data-field="contacts"] .field-label').textContent()).toBe('អ្នកប៉ះពាល់ផ្ទាល់');
    await shot('purpose');
  });

  it('names the fields in the purpose editor in Khmer and says no mode twice', async () => {
    await open(`#/purposes/${TRACING}/edit`);
    await page.locator('details[data-record-type="health_case"] summary').click();
    const health = page.locator('details[data-record-type="health_case"]');
    expect(await health.getByLabel('ទូរស័ព្ទ phone', { exact: true }).getAttribute('name')).toBe('mode.health_case.phone');
    expect(await health.locator('input[data-copyable="phone"]').getAttribute('aria-label')).toBe('ទូរស័ព្ទ អាចចម្លងបាន');
    const options = await page.locator('details.mode-table select option').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    for (const text of options) {
      const [name, help] = text.split(' — ');
      expect(help, text).toBeDefined();
      expect(help, text).not.toBe(name);
    }
    expect(options).toContain(`${km.modeNone} — ${km.modeHelpNone}`);
    expect(options.join('\n')).not.toContain('មិនបង្ហាញ — មិនបង្ហាញ');
    await shot('purpose-editor');
  });

  it('refuses an identifier the browser can check with the Khmer hint, and a refusal of the gateway in a plain Khmer sentence', async () => {
    await open('#/registry');
    const existing = await page.locator('tr[data-agency]').first().getAttribute('data-agency');
    expect(existing).not.toBeNull();
    await page.getByRole('button', { name: km.newAgency }).first().click();
    const dialog = page.locator('dialog[open]');
    const id = dialog.locator('input[name="id"]');
    await id.fill('Bad Id!');
    await dialog.locator('input[name="name"]').fill('Synthetic agency');
    await dialog.locator('button[type="submit"]').click();
    // The browser keeps the form: the pattern compiled and the hint it shows is the Khmer sentence.
    expect(await id.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true);
    expect(await id.getAttribute('title')).toBe(km.idHelp);
    expect(await id.getAttribute('title')).not.toMatch(/\[a-z/);
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // An identifier already taken: the gateway refuses, the console says what to do in Khmer.
    await id.fill(existing ?? '');
    await dialog.locator('button[type="submit"]').click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const sentence = (await alert.locator('[data-problem]').textContent()) ?? '';
    expect(await alert.locator('[data-problem]').getAttribute('data-problem')).toBe('conflict');
    expect(sentence).toMatch(KHMER);
    expect(sentence).toContain('សូមជ្រើសលេខសម្គាល់ផ្សេង');
    expect(sentence).not.toMatch(/conflict|\(|\[a-z/);
    await shot('agency-refused');
    await dialog.getByRole('button', { name: km.cancel }).click();
  });

  it('shows the fields of each disclosure in Khmer in who saw what', async () => {
    await open('#/disclosures');
    await page.locator('main form button[type="submit"]').first().click();
    // A refusal's row discloses no field, so its cell is empty: read a disclosure's.
    const cells = page.locator('td[data-fields]').filter({ hasText: /\S/ });
    await cells.first().waitFor({ timeout: 15_000 });
    const text = (await cells.first().textContent()) ?? '';
    expect(text).toMatch(KHMER);
    expect(text).not.toMatch(/[a-z_]+: (clear|masked|none)/);
    await shot('disclosures');
  });

  it('broke no content-security rule and no input pattern', () => {
    expect(violations).toEqual([]);
  });
});
