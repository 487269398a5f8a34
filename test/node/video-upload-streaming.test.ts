/**
 * `n2k media upload` of a video streams from disk (issue 18), against a real local gateway
 * (wrangler dev):
 *
 * - a clip of tens of megabytes goes up with the process's memory growing by far less than the
 *   clip (the tool reads and sends one chunk at a time, and hashes by streaming);
 * - a clip that changes while it is being sent (other content, or more bytes) is refused with
 *   `file_changed` and the upload is never completed: sending the unchanged clip afterwards
 *   *creates* the video rather than replacing one.
 *
 * The clips are ffmpeg's synthetic test clip padded with a trailing `free` box (ISO/IEC 14496-12
 * §8.1.2: a box readers skip), which ffprobe and ffmpeg read as the same one-second clip, so the
 * redaction stays cheap while the file is large.
 */
import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadMedia, type OwnerClient } from '../../scripts/lib/media-cli.js';
import { DETECT_WORKERS_ENV } from '../../scripts/lib/video/detect-pool.js';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';
import { paddedClip, uploadArgsIn, videoOwnerOn } from '../support/video-owner.js';

const PORT = 8883;
const CASE_ID = 'case-video-streaming';
const LARGE_REF = 'media:bodycam-large-streaming';
const CHANGED_REF = 'media:bodycam-changed-streaming';
const GROWN_REF = 'media:bodycam-grown-streaming';
const MiB = 1024 * 1024;

/** The large clip: several tens of megabytes, a hundred and more of the gateway's 512 KiB chunks. */
const LARGE_CLIP_BYTES = 64 * MiB;
/**
 * Most the process's resident memory may grow while the large clip is redacted and sent: half the
 * clip. Reading the clip whole (as the tool once did) grew it by 66 MiB on this machine; streaming
 * by 4 to 11 MiB (the heap's own growth, HTTP, the hash), whatever the clip's size.
 */
const MAX_MEMORY_GROWTH_BYTES = LARGE_CLIP_BYTES / 2;
/**
 * Detection on one thread in this file: each detection thread loads a detector of its own (its
 * weights and WebAssembly kernels, about 100 MB resident, the same for any clip), which is not what
 * this file measures. That the threads find what one thread finds: scripts/lib/video/detect-pool.test.ts.
 */
const DETECTION_THREADS = '1';
let threadsBefore: string | undefined;
/**
 * Most the process may hold in buffers, beyond what it held before, at any chunk of the large clip
 * once garbage is collected: 16 of the gateway's 512 KiB chunks. Streaming holds about 2 MiB (a
 * chunk, the hash's read buffer, HTTP's own); reading the clip whole held 65.6 MiB.
 */
const MAX_HELD_BYTES = 8 * MiB;
/** The clips changed while they are sent: a few chunks, so the change lands after the first is sent. */
const SMALL_CLIP_BYTES = 2 * MiB;

// A full collection on demand, so that what is measured is what the process holds, not garbage
// waiting for the collector (Node's `--expose-gc`, turned on here, in this test file's own process).
// Twice: V8 frees the backing stores of dead ArrayBuffers on a background thread after a
// collection, and a loaded machine lets that lag, so `arrayBuffers` right after one `gc()` can
// still count chunks already let go; the next collection first waits for that sweep to finish.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const collectGarbage = () => {
  gc();
  gc();
};

let local: LocalGateway;
let owner: OwnerClient;
let dir: string;

const args = uploadArgsIn(() => dir, CASE_ID);

beforeAll(async () => {
  threadsBefore = process.env[DETECT_WORKERS_ENV];
  process.env[DETECT_WORKERS_ENV] = DETECTION_THREADS;
  dir = mkdtempSync(join(tmpdir(), 'n2k-video-streaming-'));
  local = await startLocalGateway(PORT);
  owner = await videoOwnerOn(local, {
    id: 'police-video-streaming',
    caseId: CASE_ID,
    caseNumber: '12-2026-0000501',
    refs: [LARGE_REF, CHANGED_REF, GROWN_REF],
  });
  // The detector and the upload path warmed up on a small clip, so what is measured below is the large clip's cost.
  const warm = join(dir, 'warm.mp4');
  await paddedClip(warm, SMALL_CLIP_BYTES);
  await uploadMedia(local.gateway.url, owner, args(warm, LARGE_REF));
}, 600_000);

afterAll(async () => {
  if (threadsBefore === undefined) delete process.env[DETECT_WORKERS_ENV];
  else process.env[DETECT_WORKERS_ENV] = threadsBefore;
  await local?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('n2k media upload streams a video from disk', { timeout: 600_000 }, () => {
  it('uploads a clip of tens of megabytes while memory grows by far less than the clip', async () => {
    const clip = join(dir, 'large.mp4');
    await paddedClip(clip, LARGE_CLIP_BYTES);
    collectGarbage();
    const start = process.memoryUsage();
    const peak = { rss: start.rss, held: start.arrayBuffers, heldAt: '' };
    // At every progress line (each chunk sent, each step of the redaction): what the process holds
    // once garbage is collected, and its resident size.
    const sample = (line: string) => {
      collectGarbage();
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      if (now.arrayBuffers > peak.held) Object.assign(peak, { held: now.arrayBuffers, heldAt: line });
    };
    const result = await uploadMedia(local.gateway.url, owner, args(clip, LARGE_REF, sample));
    expect(result).toMatchObject({ sent: true, ref: LARGE_REF, outcome: 'replaced' });
    expect(peak.held - start.arrayBuffers, `most held at: ${peak.heldAt}`).toBeLessThan(MAX_HELD_BYTES);
    expect(peak.rss - start.rss).toBeLessThan(MAX_MEMORY_GROWTH_BYTES);
  });

  /** One byte near the end, past the first chunk: the size stays, the content does not. */
  const alter = (clip: string) => {
    const fd = openSync(clip, 'r+');
    writeSync(fd, Buffer.from([0x00]), 0, 1, statSync(clip).size - 100);
    closeSync(fd);
  };
  const grow = (clip: string) => appendFileSync(clip, Buffer.alloc(4096));

  it.each([
    ['changes its content', CHANGED_REF, alter, 'its content differs'],
    ['grows', GROWN_REF, grow, 'it became longer'],
  ] as const)('refuses a clip that %s while it is sent, and never completes that upload', async (_how, ref, change, said) => {
    const clip = join(dir, `${ref.replace(/\W/g, '-')}.mp4`);
    await paddedClip(clip, SMALL_CLIP_BYTES);
    const original = readFileSync(clip);
    let changed = false;
    const changeOnce = (line: string) => {
      if (changed || !line.startsWith('sending')) return;
      changed = true;
      change(clip);
    };
    await expect(uploadMedia(local.gateway.url, owner, args(clip, ref, changeOnce))).rejects.toThrow(
      new RegExp(`^video refused \\(file_changed\\): the clip changed while it was being sent \\(${said}`),
    );
    expect(changed).toBe(true);
    writeFileSync(clip, original);
    expect(await uploadMedia(local.gateway.url, owner, args(clip, ref))).toMatchObject({ sent: true, ref, outcome: 'created' });
  });
});
