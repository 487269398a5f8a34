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
import { appendFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewaySession, generateClientKeys, publicJwkOf, signingKeyFromJwk } from '@need2know/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadMedia, type OwnerClient, type UploadArgs } from '../../scripts/lib/media-cli.js';
import { makeSyntheticClip } from '../../scripts/lib/video/test-clip.js';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';

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
 * clip. Reading the clip whole (as the tool once did) grows it by at least the clip's size;
 * streaming holds a chunk or two, plus what HTTP, the hash and the heap's own growth take (about
 * 11 MiB measured on this machine, whatever the clip's size).
 */
const MAX_MEMORY_GROWTH_BYTES = LARGE_CLIP_BYTES / 2;
/** The clips changed while they are sent: a few chunks, so the change lands after the first is sent. */
const SMALL_CLIP_BYTES = 2 * MiB;

let local: LocalGateway;
let owner: OwnerClient;
let dir: string;

/** Writes the one-second synthetic clip to `path`, padded with a `free` box to `bytes` in all. */
async function paddedClip(path: string, bytes: number): Promise<void> {
  await makeSyntheticClip(path, { seconds: 1, fps: 8 });
  const clip = readFileSync(path);
  const pad = bytes - clip.length;
  const header = Buffer.alloc(8);
  header.writeUInt32BE(pad, 0);
  header.write('free', 4, 'latin1');
  appendFileSync(path, header);
  // The padding is written a mebibyte at a time, so making the clip does not itself hold it.
  const block = Buffer.alloc(MiB, 0x5a);
  for (let left = pad - 8; left > 0; left -= block.length) appendFileSync(path, left >= block.length ? block : block.subarray(0, left));
}

const args = (file: string, ref: string, progress: UploadArgs['progress'] = () => {}): UploadArgs => ({
  recordType: 'case',
  recordId: CASE_ID,
  ref,
  file,
  out: mkdtempSync(join(dir, 'out-')),
  progress,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'n2k-video-streaming-'));
  local = await startLocalGateway(PORT);
  const [po] = local.officers;
  if (po === undefined) throw new Error('no privacy officer');
  await po.post('/agencies', { id: 'police-video-streaming', name: 'Police (video streaming test)' });
  const keys = await generateClientKeys();
  await local.registerClient({
    id: 'police-video-streaming',
    kind: 'data_owner',
    agency_id: 'police-video-streaming',
    name: 'Body-camera footage (streaming test)',
    signing_jwks: { keys: [publicJwkOf(keys.private.signing)] },
    encryption_jwk: publicJwkOf(keys.private.encryption),
    ingest_types: ['case'],
  });
  owner = { client_id: 'police-video-streaming', signing_jwk: keys.private.signing };
  const session = await GatewaySession.open({
    issuer: local.gateway.url,
    clientId: owner.client_id,
    signingKey: await signingKeyFromJwk(owner.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['case'] }] },
  });
  await session.json('/v1/ingest/case', {
    body: {
      id: CASE_ID,
      case_number: '12-2026-0000501',
      criterion: 2,
      offence: 'Arrest at a checkpoint (synthetic)',
      occurred_on: '2026-10-02',
      place: { province: '12', district: '1201', commune: '120101' },
      status: 'under_investigation',
      handling_unit: 'Khan Daun Penh Police Inspectorate',
      evidence: [LARGE_REF, CHANGED_REF, GROWN_REF].map((media_ref) => ({
        media_ref,
        kind: 'video',
        shows_minor: false,
        shows_restrained: true,
        shows_victim: false,
        shows_witness: false,
      })),
      sensitivity: 'normal',
    },
  });
  // The detector and the upload path warmed up on a small clip, so what is measured below is the large clip's cost.
  const warm = join(dir, 'warm.mp4');
  await paddedClip(warm, SMALL_CLIP_BYTES);
  await uploadMedia(local.gateway.url, owner, args(warm, LARGE_REF));
}, 600_000);

afterAll(async () => {
  await local?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('n2k media upload streams a video from disk', { timeout: 600_000 }, () => {
  it('uploads a clip of tens of megabytes while memory grows by far less than the clip', async () => {
    const clip = join(dir, 'large.mp4');
    await paddedClip(clip, LARGE_CLIP_BYTES);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 5);
    try {
      const result = await uploadMedia(local.gateway.url, owner, args(clip, LARGE_REF, sample));
      expect(result).toMatchObject({ sent: true, ref: LARGE_REF, outcome: 'replaced' });
    } finally {
      clearInterval(timer);
    }
    sample();
    expect(peak - before).toBeLessThan(MAX_MEMORY_GROWTH_BYTES);
  });

  it('refuses a clip whose content changes while it is sent, and never completes that upload', async () => {
    const clip = join(dir, 'changed.mp4');
    await paddedClip(clip, SMALL_CLIP_BYTES);
    const original = readFileSync(clip);
    let changed = false;
    const change = (line: string) => {
      if (changed || !line.startsWith('sending')) return;
      changed = true;
      // One byte near the end, past the first chunk: the size stays, the content does not.
      const fd = openSync(clip, 'r+');
      writeSync(fd, Buffer.from([0x00]), 0, 1, original.length - 100);
      closeSync(fd);
    };
    await expect(uploadMedia(local.gateway.url, owner, args(clip, CHANGED_REF, change))).rejects.toThrow(
      /^video refused \(file_changed\): the clip changed while it was being sent \(its content differs/,
    );
    expect(changed).toBe(true);
    writeFileSync(clip, original);
    expect(await uploadMedia(local.gateway.url, owner, args(clip, CHANGED_REF))).toMatchObject({ sent: true, ref: CHANGED_REF, outcome: 'created' });
  });

  it('refuses a clip that grows while it is sent, and never completes that upload', async () => {
    const clip = join(dir, 'grown.mp4');
    await paddedClip(clip, SMALL_CLIP_BYTES);
    const original = readFileSync(clip);
    let grown = false;
    const grow = (line: string) => {
      if (grown || !line.startsWith('sending')) return;
      grown = true;
      appendFileSync(clip, Buffer.alloc(4096));
    };
    await expect(uploadMedia(local.gateway.url, owner, args(clip, GROWN_REF, grow))).rejects.toThrow(
      /^video refused \(file_changed\): the clip changed while it was being sent \(it became longer\)/,
    );
    expect(grown).toBe(true);
    writeFileSync(clip, original);
    expect(await uploadMedia(local.gateway.url, owner, args(clip, GROWN_REF))).toMatchObject({ sent: true, ref: GROWN_REF, outcome: 'created' });
  });
});
