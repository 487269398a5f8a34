/**
 * A privacy officer signed in to the console in a fresh browser context: the one way the console's
 * end-to-end tests open it (viewport, locale and zone of the ministry's desks, a key file chosen in
 * the sign-in form, content-security and input-pattern violations collected for the test to assert
 * on).
 */
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser.js';
import { startConsoleWorld, type ConsoleWorld } from './console-fixture.js';

/** Console messages that mean the page broke its own rules: blocked by the CSP or Trusted Types, or an input pattern that does not compile. */
const VIOLATION = /Content Security Policy|Trusted Type|pattern/i;

export interface ConsoleSignIn {
  /** The gateway's base URL (the console is served at `/console`). */
  readonly url: string;
  /** The officer's key file, as the console's sign-in form takes it. */
  readonly keyFile: string;
  /** The officer the console must show as signed in. */
  readonly officerId: string;
  /** Where violations are collected (the test asserts it stays empty). */
  readonly violations: string[];
  /** The language chosen before signing in (English by default). */
  readonly lang?: 'en' | 'km';
  /** Whether the page may save downloads (CSV exports). */
  readonly acceptDownloads?: boolean;
  /** Viewport height in pixels (900 by default). */
  readonly height?: number;
  /** Default timeout of the page's actions, ms (10 s by default). */
  readonly timeout?: number;
  /** Called with the page before it loads the console, e.g. to record the requests it sends. */
  readonly watch?: (page: Page) => void;
}

/** Opens the console in a new context of `browser` and signs `officerId` in; the caller closes the context. */
export async function signedInConsole(browser: Browser, sign: ConsoleSignIn): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: sign.height ?? 900 },
    locale: 'en-GB',
    timezoneId: 'Asia/Phnom_Penh',
    acceptDownloads: sign.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(sign.timeout ?? 10_000);
  page.on('console', (msg) => {
    if (VIOLATION.test(msg.text())) sign.violations.push(msg.text());
  });
  sign.watch?.(page);
  await page.goto(`${sign.url}/console`);
  if (sign.lang === 'km') await page.locator('[data-lang="km"]').click();
  await page.setInputFiles('#key-file', sign.keyFile);
  await page.locator('form.sign-in button[type="submit"]').click();
  await page.waitForSelector(`[data-officer="${sign.officerId}"]`, { timeout: 15_000 });
  return { context, page };
}

/** A console world with Chromium open on it, one officer signed in: what most console suites start from. */
export interface OpenConsole {
  readonly world: ConsoleWorld;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Starts a console world on `port`, runs `prepare` on it (disclosures or grants the suite needs
 * before the page loads), launches Debian's Chromium and signs the world's first privacy officer in.
 * When anything fails, what was started is stopped before the error is thrown.
 */
export async function openConsole(
  port: number,
  sign: Omit<ConsoleSignIn, 'url' | 'keyFile' | 'officerId'>,
  prepare: (world: ConsoleWorld) => Promise<void> = async () => {},
): Promise<OpenConsole> {
  const world = await startConsoleWorld(port);
  let browser: Browser | undefined;
  try {
    await prepare(world);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const { context, page } = await signedInConsole(browser, { ...sign, url: world.url, keyFile: world.keyFiles[0], officerId: world.officerIds[0] });
    return { world, browser, context, page };
  } catch (err) {
    await browser?.close();
    await world.local.close();
    throw err;
  }
}

/** Stops what {@link openConsole} started (any part may be missing when it failed or was skipped). */
export async function closeConsole(open: Partial<OpenConsole>): Promise<void> {
  await open.context?.close();
  await open.browser?.close();
  await open.world?.local.close();
}

/** Pixels of the page kept around a README screenshot's parts. */
const README_MARGIN = 12;
/** Where the README's screenshots are kept. */
const DOCS = join(import.meta.dirname, '..', '..', 'docs');

/**
 * With `N2K_UPDATE_SCREENSHOTS=1`, a screenshot for the README, `docs/<name>.png`, kept small: only
 * the region of the page that holds `parts` (their bounding box together), not the whole page.
 * Without it nothing is written (a test run leaves the tree as it found it).
 */
export async function readmeShot(page: Page, name: string, parts: readonly Locator[]): Promise<void> {
  if (process.env.N2K_UPDATE_SCREENSHOTS !== '1') return;
  const boxes = (await Promise.all(parts.map((p) => p.boundingBox()))).filter((b) => b !== null);
  if (boxes.length === 0) throw new Error(`nothing to show in ${name}`);
  const [x, y] = [Math.min(...boxes.map((b) => b.x)), Math.min(...boxes.map((b) => b.y))];
  const [right, bottom] = [Math.max(...boxes.map((b) => b.x + b.width)), Math.max(...boxes.map((b) => b.y + b.height))];
  // Boxes are where the parts are in the viewport; a full-page clip is in the page's own coordinates.
  const [scrollX, scrollY] = await page.evaluate(() => [window.scrollX, window.scrollY]);
  const clip = {
    x: Math.max(0, x + (scrollX ?? 0) - README_MARGIN),
    y: Math.max(0, y + (scrollY ?? 0) - README_MARGIN),
    width: right - x + 2 * README_MARGIN,
    height: bottom - y + 2 * README_MARGIN,
  };
  await page.screenshot({ path: join(DOCS, `${name}.png`), clip, fullPage: true });
}
