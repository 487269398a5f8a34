/**
 * The upload tool refuses, before decoding a frame or sending a byte, every clip it does not take:
 * each case a real file made with ffmpeg (except the 500 MB one: a sparse file, refused by its size
 * before it is read).
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoError } from './errors.js';
import { MAX_FILE_BYTES } from './limits.js';
import { judgeProbe, probeClip } from './probe.js';
import { makeSyntheticClip, samplePhoto } from './test-clip.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'n2k-probe-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(path: string): Promise<string> {
  try {
    await probeClip(path);
  } catch (err) {
    if (err instanceof VideoError) return err.code;
    throw err;
  }
  return 'accepted';
}

/** ffmpeg makes each clip in well under a second alone; the shared machine may be much slower. */
const SLOW_MACHINE = { timeout: 60_000 };

describe('probing a clip before anything is sent', SLOW_MACHINE, () => {
  it('takes an MP4 with H.264 and AAC, and one without audio; a fast source gets the 15 fps renditions', async () => {
    const withAudio = join(dir, 'ok.mp4');
    await makeSyntheticClip(withAudio, { fps: 30, seconds: 1, audio: 'aac' });
    expect(await probeClip(withAudio)).toMatchObject({ width: 320, height: 180, fps: 30, frames: 30, audio: true, renditionRate: '15', renditionFps: 15 });
    const silent = join(dir, 'silent.mp4');
    await makeSyntheticClip(silent, { fps: 10, seconds: 1 });
    expect(await probeClip(silent)).toMatchObject({ audio: false, renditionRate: '10/1', renditionFps: 10, durationMs: 1000 });
  });

  it('refuses another container, even with H.264 inside: Matroska, WebM, QuickTime', async () => {
    await makeSyntheticClip(join(dir, 'a.mkv'));
    await makeSyntheticClip(join(dir, 'a.webm'), { codec: 'libvpx' });
    await makeSyntheticClip(join(dir, 'a.mov'));
    expect(await refusal(join(dir, 'a.mkv'))).toBe('unsupported_container');
    expect(await refusal(join(dir, 'a.webm'))).toBe('unsupported_container');
    expect(await refusal(join(dir, 'a.mov'))).toBe('unsupported_container');
  });

  it('refuses another video codec or audio codec in MP4', async () => {
    await makeSyntheticClip(join(dir, 'mpeg4.mp4'), { codec: 'mpeg4' });
    await makeSyntheticClip(join(dir, 'mp3.mp4'), { audio: 'libmp3lame' });
    expect(await refusal(join(dir, 'mpeg4.mp4'))).toBe('unsupported_video_codec');
    expect(await refusal(join(dir, 'mp3.mp4'))).toBe('unsupported_audio_codec');
  });

  it('refuses what is not a video: a photograph, text, an empty file', async () => {
    writeFileSync(join(dir, 'notes.mp4'), 'not a video\n');
    writeFileSync(join(dir, 'empty.mp4'), '');
    expect(await refusal(samplePhoto('sample1.jpg'))).toMatch(/^(not_a_video|unsupported_container)$/);
    expect(await refusal(join(dir, 'notes.mp4'))).toBe('not_a_video');
    expect(await refusal(join(dir, 'empty.mp4'))).toBe('not_a_video');
  });

  it('refuses a cut-off file, whether its index is at the front or the end', async () => {
    const front = join(dir, 'front.mp4');
    const end = join(dir, 'end.mp4');
    await makeSyntheticClip(front, { seconds: 2, audio: 'aac', extra: ['-movflags', '+faststart'] });
    await makeSyntheticClip(end, { seconds: 2 });
    for (const path of [front, end]) writeFileSync(path, readFileSync(path).subarray(0, Math.floor(readFileSync(path).length / 2)));
    expect(await refusal(front)).toBe('truncated');
    expect(await refusal(end)).toBe('truncated');
  });

  it('refuses a clip longer than 5 minutes, frames above 1920 × 1080, a file above 500 MB', async () => {
    await makeSyntheticClip(join(dir, 'long.mp4'), { width: 64, height: 64, fps: 1, seconds: 301 });
    await makeSyntheticClip(join(dir, 'wide.mp4'), { width: 2048, height: 1080, fps: 1, seconds: 1 });
    const huge = join(dir, 'huge.mp4');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_FILE_BYTES + 1);
    expect(await refusal(join(dir, 'long.mp4'))).toBe('too_long');
    expect(await refusal(join(dir, 'wide.mp4'))).toBe('resolution_too_high');
    expect(await refusal(huge)).toBe('too_large');
  });

  it('reads a file named like an ffmpeg protocol as the local file it is, never as a URL or a list', async () => {
    const odd = join(dir, 'concat:missing.mp4|other.mp4');
    await makeSyntheticClip(join(dir, 'plain.mp4'), { width: 96, height: 64, fps: 10, seconds: 1 });
    writeFileSync(odd, readFileSync(join(dir, 'plain.mp4')));
    expect(await probeClip(odd)).toMatchObject({ width: 96, height: 64 });
  });

  it('reads a rotated phone clip as upright, and judges its upright size', () => {
    const json = {
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '2.0', tags: { major_brand: 'isom' } },
      streams: [{ codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30/1', side_data_list: [{ rotation: -90 }] }],
    };
    expect(judgeProbe(json, 1000, '')).toMatchObject({ width: 1080, height: 1920, frames: 60 });
  });
});
