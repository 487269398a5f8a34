/**
 * The scene of the viewer's video proof, a throw-away local gateway of its own (no photos: the video
 * is all it needs): the police data owner files a case whose evidence is a video of a person in restraints (flagged) and uploads
 * it with `uploadVideo` (@need2know/client): a synthetic clip made here with Debian's ffmpeg
 * (`testsrc2`, no person in it; the "redacted" rendition has a box drawn over where a face would be),
 * as fragmented H.264 MP4, with its manifest. A justice reviewer reads it under a grant whose purpose
 * discloses evidence `redacted` and whose window closes soon after the play, so the test sees
 * playback stop at the window's end. Record data is synthetic; everything goes through the real APIs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewaySession, signingKeyFromJwk, uploadVideo } from '@need2know/client';
import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import type { AdminClient } from '../../scripts/lib/admin-client.js';
import { startPopulatedGateway, type LocalGateway } from '../support/local-gateway.js';
import { videoOwnerOn } from '../support/video-owner.js';

export const VIDEO_CASE_ID = 'case-e2e-0400';
export const VIDEO_REF = 'media/case/e2e-0400/arrest.mp4';
export const VIDEO_PURPOSE = 'e2e-justice-video-review';
/** H.264 High, level 3.0, as ffmpeg encodes the clips below (RFC 6381 codecs parameter). */
export const VIDEO_MIME = 'video/mp4; codecs="avc1.64001e"';

/** The scene, with the reviewer's grant, its window's end (ms since the epoch) and enrolment code. */
export interface VideoScene {
  readonly local: LocalGateway;
  readonly admin: AdminClient;
  readonly videoGrant: string;
  readonly windowEndsAt: number;
  readonly reviewerCode: string;
}

/** The shortest data life the admin API accepts for a grant (s). */
const MIN_DATA_LIFE_SECONDS = 60;

/**
 * Opens, now, one more grant of the footage purpose to the reviewer's agency whose window ends
 * `seconds` from now (approved by the second officer): a window's end a test can wait for without
 * waiting out the first grant's. Returns the grant and when its window ends (ms since the epoch).
 */
export async function openEndingGrant(scene: VideoScene, seconds: number): Promise<{ grant: string; endsAt: number }> {
  const endsAt = Date.now() + seconds * 1000;
  const grant = await scene.local.openGrant(
    {
      purpose_id: VIDEO_PURPOSE,
      agency_id: 'moj-video-e2e',
      data_life_seconds: Math.max(seconds, MIN_DATA_LIFE_SECONDS),
      note: 'e2e: footage review, ending soon',
    },
    seconds / 3600,
  );
  return { grant, endsAt };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Encodes 20 s of `testsrc2` at 640 × 360, 25 fps, with `filter`, into `file` (fragmented when asked). */
function encode(file: string, filter: string, fragmented: boolean): Uint8Array {
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-t', '20', '-vf', filter],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-profile:v', 'high', '-level', '3.0', '-pix_fmt', 'yuv420p', '-g', '25'],
    ...(fragmented ? ['-movflags', 'frag_keyframe+empty_moov+default_base_moof'] : ['-movflags', '+faststart']),
    file,
  ]);
  return new Uint8Array(readFileSync(file));
}

/** The clip's three files and its manifest. */
export function makeClip(): { original: Uint8Array; redacted: Uint8Array; blurred: Uint8Array; manifest: VideoRedactionManifest } {
  const dir = mkdtempSync(join(tmpdir(), 'n2k-video-'));
  try {
    const noise = 'noise=alls=6:allf=t';
    const original = encode(join(dir, 'original.mp4'), noise, false);
    const redacted = encode(join(dir, 'redacted.mp4'), `${noise},drawbox=x=260:y=90:w=120:h=140:color=black:t=fill`, true);
    const blurred = encode(join(dir, 'blurred.mp4'), `${noise},boxblur=20:5`, true);
    const rendition = (bytes: Uint8Array) => ({
      mime: VIDEO_MIME,
      width: 640,
      height: 360,
      fps: 25,
      audio: 'dropped' as const,
      bytes: bytes.length,
      sha256: sha256(bytes),
    });
    const manifest: VideoRedactionManifest = {
      version: 1,
      detector: { name: 'tiny_face_detector', version: '1.7.15', min_score: 0.5 },
      source: { width: 640, height: 360, fps: 25, frames: 500, duration_ms: 20000, video_codec: 'h264', audio: false },
      original: { bytes: original.length, sha256: sha256(original) },
      renditions: { redacted: rendition(redacted), blurred: rendition(blurred) },
      fail_safe: null,
      tracks: [{ id: 0, from_frame: 0, to_frame: 499, boxes: [{ frame: 0, x: 260, y: 90, w: 120, h: 140, score: 0.88 }] }],
      regions: [],
    };
    return { original, redacted, blurred, manifest };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function videoScene(port: number, windowSeconds: number): Promise<VideoScene> {
  return startPopulatedGateway(port, async (local) => {
    const admin = local.officers[0];
    if (admin === undefined) throw new Error('a privacy officer is needed');
    return populate({ local, admin }, windowSeconds);
  });
}

async function populate(scene: { local: LocalGateway; admin: AdminClient }, windowSeconds: number): Promise<VideoScene> {
  // The police data owner and its case naming the clip as a video of a restrained suspect (the shared test set-up).
  const owner = await videoOwnerOn(scene.local, { id: 'police-e2e-video', caseId: VIDEO_CASE_ID, caseNumber: '12-2026-0000400', refs: [VIDEO_REF] });
  const police = await GatewaySession.open({
    issuer: scene.local.gateway.url,
    clientId: owner.client_id,
    signingKey: await signingKeyFromJwk(owner.signing_jwk),
    request: { authorizationDetails: [{ type: 'record_ingest', record_types: ['case'] }] },
  });
  const clip = makeClip();
  await uploadVideo(police, { recordType: 'case', recordId: VIDEO_CASE_ID, ref: VIDEO_REF, ...clip });

  await scene.admin.post('/agencies', { id: 'moj-video-e2e', name: 'Ministry of Justice — Footage Review (test)', name_km: 'ក្រសួងយុត្តិធម៌ (សាកល្បង)' });
  await scene.admin.post('/purposes', {
    id: VIDEO_PURPOSE,
    title: 'Review of arrest footage before trial (test)',
    legal_basis: 'Synthetic legal basis for end-to-end tests',
    rules: { case: { case_number: 'clear', offence: 'clear', occurred_on: 'clear', status: 'clear', evidence: 'redacted' } },
    actions: ['fetch'],
    agencies: ['moj-video-e2e'],
    max_token_lifetime: 300,
    requests_per_minute: 600,
    persons_per_hour: 2000,
    reason_required: false,
  });
  const windowEndsAt = Date.now() + windowSeconds * 1000;
  const videoGrant = await scene.local.openGrant(
    { purpose_id: VIDEO_PURPOSE, agency_id: 'moj-video-e2e', data_life_seconds: windowSeconds, note: 'e2e: footage review' },
    windowSeconds / 3600,
  );
  const reviewerCode = await scene.local.registerOfficer({ id: 'moj-reviewer-dara', agency_id: 'moj-video-e2e', name: 'Dara Chan' });
  return { ...scene, videoGrant, windowEndsAt, reviewerCode };
}
