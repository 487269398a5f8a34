/**
 * The justice reviewer's viewer plays a redacted video in real Chromium against a local gateway
 * (issue 18's proof): the clip was uploaded with `uploadVideo` as fragmented H.264 MP4 with its
 * manifest; the viewer starts a play (a logged disclosure and a logged view), fetches and opens its
 * chunks in order and appends them to a Media Source Extensions buffer under the watermark. Frames
 * advance (`currentTime` grows); download, picture-in-picture and remote playback are off and the
 * element's source cannot be fetched; and the window's end stops playback and drops the buffers.
 * The time from pressing play to the first frame shown is measured (BENCHMARKS.md, "Video").
 *
 * Screenshots go to test-results/viewer-video/; with `N2K_UPDATE_SCREENSHOTS=1` the README's
 * `docs/viewer-video.png` is written from the same run (record data and clip synthetic).
 */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactDir, buildExtension, endViewerSuite, enrolViewer, hasChromium, launchWithExtension } from './browser.js';
import { openEndingGrant, VIDEO_CASE_ID, VIDEO_MIME, VIDEO_PURPOSE, videoScene, type VideoScene } from './extension-video-scene.js';

const PORT = 8861;
/** The first grant's window, counted from when the scene opens it: long enough to start the viewer and play on a loaded machine. */
const WINDOW_SECONDS = 1800;
/**
 * The window of the grant opened for the window's-end test, counted from when it opens: long enough
 * to open the case under it and start playing, short enough to wait out.
 */
const ENDING_WINDOW_SECONDS = 45;
const shots = artefactDir('viewer-video');

let scene: VideoScene;
let extensionDir: string;
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let viewer: Page;

const currentTime = () => viewer.evaluate(() => document.querySelector<HTMLVideoElement>('figure.video video')?.currentTime ?? -1);

/** Presses play and resolves with the milliseconds until the first frame is presented. */
function pressPlay(): Promise<number> {
  return viewer.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const video = document.querySelector<HTMLVideoElement>('figure.video video');
        const button = document.querySelector<HTMLButtonElement>('figure.video button.video-play');
        if (video === null || button === null) return reject(new Error('no player'));
        const t0 = performance.now();
        video.requestVideoFrameCallback(() => resolve(performance.now() - t0));
        setTimeout(() => reject(new Error('no frame within 30 s')), 30_000);
        button.click();
      }),
  );
}

/** Opens the viewer under `grant` and the footage case in it, up to its player. */
async function openCase(grant: string): Promise<void> {
  await viewer.goto(
    `chrome-extension://${browser.extensionId}/tabs/viewer.html?grant=${encodeURIComponent(grant)}&purpose=${encodeURIComponent(VIDEO_PURPOSE)}`,
  );
  // The purpose discloses cases only: choose the type first, then the form offers finding one by id.
  await viewer.waitForSelector('form.search select[name=record_type]');
  await viewer.selectOption('select[name=record_type]', 'case');
  await viewer.waitForSelector('form.search select[name=kind]').catch(async (err: unknown) => {
    await viewer.screenshot({ path: join(shots, 'viewer-video-not-ready.png') });
    throw new Error(`the viewer did not offer a search: ${(await viewer.textContent('main'))?.slice(0, 400)} (${String(err)})`);
  });
  await viewer.selectOption('select[name=kind]', 'id');
  await viewer.fill('input[name=value]', VIDEO_CASE_ID);
  await viewer.click('form.search button[type=submit]');
  await viewer.waitForSelector('figure.video', { timeout: 30_000 });
}

beforeAll(async () => {
  if (!hasChromium) return;
  // Built first, for the address the scene's gateway will have: the window opens only once the viewer is ready to start.
  extensionDir = buildExtension(`http://127.0.0.1:${PORT}`);
  scene = await videoScene(PORT, WINDOW_SECONDS);
  browser = await launchWithExtension(extensionDir);
  await enrolViewer(browser, scene.reviewerCode);
  viewer = await browser.context.newPage();
  await openCase(scene.videoGrant);
}, 600_000);

afterAll(async () => {
  if (!hasChromium) return;
  await endViewerSuite({ browser, gateway: scene?.local, extensionDir });
});

describe.skipIf(!hasChromium)('viewer: redacted video', () => {
  it('plays the redacted rendition by Media Source Extensions under the watermark, frames advancing, nothing to save', async () => {
    expect(await viewer.evaluate((mime) => MediaSource.isTypeSupported(mime), VIDEO_MIME)).toBe(true);
    const firstFrameMs = await pressPlay();
    console.info(`video: first frame ${Math.round(firstFrameMs)} ms after pressing play`);
    const t1 = await currentTime();
    await viewer.waitForTimeout(1500);
    const t2 = await currentTime();
    expect(t2).toBeGreaterThan(t1);
    expect(await viewer.getAttribute('figure.video', 'data-rendition')).toBe('redacted');
    const guards = await viewer.evaluate(async () => {
      const video = document.querySelector<HTMLVideoElement>('figure.video video') as HTMLVideoElement & {
        disableRemotePlayback: boolean;
        controlsList: DOMTokenList;
      };
      video.scrollIntoView({ block: 'center' });
      // A MediaSource URL, revoked once attached: nothing a "save as" or a fetch could read.
      const fetchable = await fetch(video.currentSrc).then(
        () => true,
        () => false,
      );
      return {
        pip: video.disablePictureInPicture,
        remote: video.disableRemotePlayback,
        nodownload: video.controlsList.contains('nodownload'),
        blob: video.currentSrc.startsWith('blob:'),
        fetchable,
        // The viewer's watermark layer (officer, agency, purpose, grant, time, trace mark) lies over the player.
        watermark: (() => {
          const layer = document.getElementById('n2k-watermark');
          if (layer === null || !layer.style.backgroundImage.includes('data:image/png')) return false;
          const [l, v] = [layer.getBoundingClientRect(), video.getBoundingClientRect()];
          return l.left <= v.left && l.top <= v.top && l.right >= v.right && l.bottom >= v.bottom;
        })(),
      };
    });
    expect(guards).toEqual({ pip: true, remote: true, nodownload: true, blob: true, fetchable: false, watermark: true });
    await viewer.waitForTimeout(800);
    await viewer.screenshot({ path: join(shots, 'viewer-video.png') });
    if (process.env.N2K_UPDATE_SCREENSHOTS === '1') copyFileSync(join(shots, 'viewer-video.png'), resolve(import.meta.dirname, '../../docs/viewer-video.png'));
  });

  it("stops playback at the window's end and drops the buffers", { timeout: 240_000 }, async () => {
    // A grant whose window ends soon: the case opened under it, and a play still running when the window ends.
    const ending = await openEndingGrant(scene, ENDING_WINDOW_SECONDS);
    await openCase(ending.grant);
    await viewer.waitForSelector('figure.video button.video-play', { timeout: 60_000 });
    const startAt = ending.endsAt - 12_000;
    if (Date.now() < startAt) await viewer.waitForTimeout(startAt - Date.now());
    expect(Date.now(), 'the case opened too late to play before the window ends').toBeLessThan(ending.endsAt - 4000);
    await pressPlay();
    await viewer.waitForTimeout(2000);
    expect(await currentTime()).toBeGreaterThan(0);
    await viewer.waitForTimeout(Math.max(0, ending.endsAt - Date.now()) + 3000);
    const after = await viewer.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('figure.video video');
      return video === null
        ? null
        : { state: video.closest('figure')?.getAttribute('data-state'), ready: video.readyState, buffered: video.buffered.length, paused: video.paused };
    });
    // Either the record view closed with the window (the player with it), or the player stopped and let go of its frames.
    if (after !== null) expect(after).toEqual({ state: 'ended', ready: 0, buffered: 0, paused: true });
    await viewer.screenshot({ path: join(shots, 'viewer-video-window-ended.png') });
  });
});
