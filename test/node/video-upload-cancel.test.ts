/**
 * `n2k media upload` cancels a video upload it stops after opening (issue 18), against a real local
 * gateway (wrangler dev): the gateway then deletes what was sent at once instead of keeping it sealed
 * until the upload expires. Each case checks, as the data owner's client, that the upload is
 * cancelled: cancelling it again answers the same counts, and a chunk sent to it is refused with
 * `upload_cancelled`.
 *
 * - a clip that changes while it is sent (`file_changed`);
 * - a step the gateway refuses (a chunk of the wrong size, from a reader that misbehaves);
 * - SIGINT or SIGTERM to the command while it sends: it exits 130 or 143 and says so.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GatewaySession, uploadVideo, type VideoUploadAbandoned } from '@need2know/client';
import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/local-files.js';
import { uploadMedia, type OwnerClient } from '../../scripts/lib/media-cli.js';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';
import { expectUploadCancelled, ownerSession, paddedClip, uploadArgsIn, videoOwnerOn } from '../support/video-owner.js';

const PORT = 8885;
const CASE_ID = 'case-video-cancel';
const REFS = {
  changed: 'media:bodycam-cancel-changed',
  refused: 'media:bodycam-cancel-refused',
  SIGINT: 'media:bodycam-cancel-int',
  SIGTERM: 'media:bodycam-cancel-term',
};
const MiB = 1024 * 1024;
/** Clips of several of the gateway's 512 KiB chunks, so that a stop lands while chunks are still being sent. */
const CLIP_BYTES = 24 * MiB;

let local: LocalGateway;
let owner: OwnerClient;
let session: GatewaySession;
let dir: string;

const args = uploadArgsIn(() => dir, CASE_ID);

const expectCancelled = (id: string, chunks: number) => expectUploadCancelled(session, id, chunks);

/** The upload id and the chunk count a "… was cancelled: N chunks …" line names. */
function cancelledIn(text: string): { id: string; chunks: number } {
  const match = /the upload ([0-9a-f]{32}) was cancelled: (\d+) chunks/.exec(text);
  if (match === null) throw new Error(`no cancel in: ${text}`);
  return { id: match[1] ?? '', chunks: Number(match[2]) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'n2k-video-cancel-'));
  local = await startLocalGateway(PORT);
  owner = await videoOwnerOn(local, { id: 'police-video-cancel', caseId: CASE_ID, caseNumber: '12-2026-0000502', refs: Object.values(REFS) });
  session = await ownerSession(local, owner);
}, 600_000);

afterAll(async () => {
  await local?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('n2k media upload cancels an upload it stops', { timeout: 600_000 }, () => {
  it('cancels the upload of a clip that changes while it is sent (file_changed), and says so', async () => {
    const clip = join(dir, 'changed.mp4');
    await paddedClip(clip, CLIP_BYTES);
    const original = readFileSync(clip);
    let changed = false;
    const lines: string[] = [];
    const changeOnce = (line: string) => {
      lines.push(line);
      if (changed || !line.startsWith('sending')) return;
      changed = true;
      // One byte near the end: found when the clip's last chunk is read, after others were sent.
      const fd = openSync(clip, 'r+');
      writeSync(fd, Buffer.from([0x00]), 0, 1, statSync(clip).size - 100);
      closeSync(fd);
    };
    const failure = await uploadMedia(local.gateway.url, owner, args(clip, REFS.changed, changeOnce)).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toMatch(/^video refused \(file_changed\): the clip changed while it was being sent .* \(the upload [0-9a-f]{32} was cancelled: \d+ chunks/);
    const { id, chunks } = cancelledIn(message);
    expect(chunks).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith(`the upload ${id} was cancelled`))).toBe(true);
    await expectCancelled(id, chunks);
    writeFileSync(clip, original);
    expect(await uploadMedia(local.gateway.url, owner, args(clip, REFS.changed))).toMatchObject({ sent: true, outcome: 'created' });
  });

  it('cancels an upload whose chunk the gateway refuses, and throws the refusal', async () => {
    const clip = join(dir, 'refused.mp4');
    await paddedClip(clip, 2 * MiB);
    type Written = { files: { redacted: string | null; blurred: string; manifest: string } };
    const { files } = (await uploadMedia(local.gateway.url, owner, { ...args(clip, REFS.refused), dryRun: true })) as Written;
    const manifest = JSON.parse(readFileSync(files.manifest, 'utf8')) as VideoRedactionManifest;
    const bytes = readFileSync(clip);
    // A reader that hands out its second chunk one byte short: the gateway refuses it (chunk_size_mismatch).
    const original = {
      bytes: bytes.length,
      async *chunks(size: number) {
        yield new Uint8Array(bytes.subarray(0, size));
        yield new Uint8Array(bytes.subarray(size, 2 * size - 1));
      },
    };
    let abandoned: VideoUploadAbandoned | undefined;
    const sent = uploadVideo(
      session,
      {
        recordType: 'case',
        recordId: CASE_ID,
        ref: REFS.refused,
        original,
        redacted: files.redacted === null ? null : new Uint8Array(readFileSync(files.redacted)),
        blurred: new Uint8Array(readFileSync(files.blurred)),
        manifest,
      },
      undefined,
      {
        onAbandoned: (a) => {
          abandoned = a;
        },
      },
    );
    await expect(sent).rejects.toMatchObject({ code: 'chunk_size_mismatch' });
    expect(abandoned?.cancelled).toMatchObject({ chunks: 1 });
    await expectCancelled(abandoned?.uploadId ?? '', 1);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on %s while sending, cancels the upload and exits %i saying so', async (signal, status) => {
    const clip = join(dir, `${signal}.mp4`);
    await paddedClip(clip, CLIP_BYTES);
    const credentials = join(dir, `${signal}-credentials.json`);
    writeFileSync(credentials, JSON.stringify({ issuer: local.gateway.url, note: 'test', privacy_officers: [], clients: [owner] }));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/n2k.ts',
        'media',
        'upload',
        '--credentials',
        credentials,
        '--client',
        owner.client_id,
        '--id',
        CASE_ID,
        '--ref',
        REFS[signal],
        '--file',
        clip,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (!signalled && /^sending: /m.test(stderr)) {
        signalled = true;
        child.kill(signal);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(signalled).toBe(true);
    expect(code).toBe(status);
    expect(stderr).toMatch(new RegExp(`interrupted by ${signal}: the upload [0-9a-f]{32} was cancelled: \\d+ chunks`));
    const { id, chunks } = cancelledIn(stderr);
    await expectCancelled(id, chunks);
    // Never completed: the clip uploaded again creates the video.
    expect(await uploadMedia(local.gateway.url, owner, args(clip, REFS[signal]))).toMatchObject({ sent: true, outcome: 'created' });
  });
});
