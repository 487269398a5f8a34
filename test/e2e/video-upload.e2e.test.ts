/**
 * `n2k media upload` of a real clip against a local gateway (issue 18): the data owner's tool probes
 * a pan-and-zoom clip of the detector package's sample photographs, finds and tracks the faces on
 * every frame, writes both renditions and the manifest, and sends them with `uploadVideo`; the
 * gateway checks the files against the manifest and logs the ingest with the manifest's hash. The
 * gateway's own checks of the manifest (`videoManifestIssues`, sizes and SHA-256s) accept what the
 * tool makes. Runs without a browser.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VideoRedactionManifest, videoManifestBytes } from '@need2know/schema/video-manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadMedia, type OwnerClient } from '../../scripts/lib/media-cli.js';
import { makePanZoomClip, makeSyntheticClip } from '../../scripts/lib/video/test-clip.js';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';
import { videoOwnerOn } from '../support/video-owner.js';

const PORT = 8867;
const CASE_ID = 'case-video-upload-e2e';
const REF = 'media:bodycam-upload-e2e';
/** A second video of the case: footage of the dark, in which no face can be found. */
const DARK_REF = 'media:night-upload-e2e';

let local: LocalGateway;
let owner: OwnerClient;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'n2k-video-upload-'));
  local = await startLocalGateway(PORT);
  owner = await videoOwnerOn(local, { id: 'police-video-upload', caseId: CASE_ID, caseNumber: '12-2026-0000500', refs: [REF, DARK_REF] });
}, 600_000);

afterAll(async () => {
  await local?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const args = (file: string, out: string, ref = REF) => ({ recordType: 'case', recordId: CASE_ID, ref, file, out, progress: () => {} });

describe('n2k media upload: a video', { timeout: 600_000 }, () => {
  it('redacts a clip of real photographs here and uploads it; the gateway stores it and logs the manifest’s hash', async () => {
    const clip = join(dir, 'bodycam.mp4');
    await makePanZoomClip(clip);
    const out = mkdtempSync(join(dir, 'out-'));
    const result = (await uploadMedia(local.gateway.url, owner, args(clip, out))) as Record<string, unknown>;
    expect(result).toMatchObject({ sent: true, ref: REF, fail_safe: null });
    expect(readdirSync(out).sort()).toEqual(['blurred.mp4', 'manifest.json', 'redacted.mp4']);
    const manifest = VideoRedactionManifest.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(result.manifest_sha256).toBe(createHash('sha256').update(videoManifestBytes(manifest)).digest('hex'));
    expect(typeof result.log_index).toBe('number');
    expect(manifest.tracks.length).toBeGreaterThan(0);
  });

  it('sends flagged footage with no face found as the blurred rendition only', async () => {
    const clip = join(dir, 'no-faces.mp4');
    await makeSyntheticClip(clip, { seconds: 1, fps: 8, source: 'mandelbrot' });
    const out = mkdtempSync(join(dir, 'out-'));
    const result = await uploadMedia(local.gateway.url, owner, args(clip, out, DARK_REF));
    expect(result).toMatchObject({ sent: true, ref: DARK_REF, fail_safe: 'no_face_found', files: { redacted: null } });
    expect(readdirSync(out).sort()).toEqual(['blurred.mp4', 'manifest.json']);
  });
});
