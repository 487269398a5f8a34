/** Debian's Chromium driven by playwright-core, with the viewer extension loaded unpacked. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findChromium } from '../../scripts/lib/system-tools.mjs';

const found = findChromium();
/** Debian's Chromium as found on PATH (or `N2K_CHROMIUM`); `npm test` installs it when it may. */
export const CHROMIUM = found ?? 'chromium';
/**
 * Whether Chromium is installed. Under CI it must be (`.ci/run` installs it): there a missing browser
 * fails the suites instead of skipping them.
 */
export const hasChromium = found !== undefined || process.env.CI === 'true';
/** Flags that keep Chromium off the network and quiet on a closed machine. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTEFACTS = resolve(import.meta.dirname, '../../test-results');

/** Builds the viewer for `gatewayUrl` into a temporary folder and returns it. */
export function buildExtension(gatewayUrl: string): string {
  const out = mkdtempSync(join(tmpdir(), 'n2k-extension-'));
  execFileSync(process.execPath, ['extension/scripts/build.mjs', '--out', out], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, N2K_GATEWAY_URL: gatewayUrl },
    stdio: 'pipe',
  });
  return out;
}

/**
 * Ends a viewer suite: closes its browser, then its scene's gateway, and removes the extension built
 * for it. Each may be missing (a set-up that failed before making it).
 */
export async function endViewerSuite(run: {
  browser?: { close(): Promise<void> };
  gateway?: { close(): Promise<void> };
  extensionDir?: string;
}): Promise<void> {
  await run.browser?.close();
  await run.gateway?.close();
  if (run.extensionDir !== undefined) rmSync(run.extensionDir, { recursive: true, force: true });
}

/** A fresh browser profile with the extension at `dir` loaded; resolves the extension id. */
export async function launchWithExtension(dir: string): Promise<{ context: BrowserContext; extensionId: string; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'n2k-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Enrols the viewer in `browser` with an officer's one-time `code` through its popup, as the officer does; resolves once the popup lists a grant. */
export async function enrolViewer(browser: { readonly context: BrowserContext; readonly extensionId: string }, code: string): Promise<void> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.fill('input[name=code]', code);
  await popup.click('button[type=submit]');
  await popup.waitForSelector('.grant');
  await popup.close();
}

export function artefactDir(name: string): string {
  const dir = join(ARTEFACTS, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
