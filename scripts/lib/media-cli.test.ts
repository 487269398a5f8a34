import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaKindOf, mediaTypeOf, parseRegionsFile, uploadMedia } from './media-cli.js';
import { makeSyntheticClip } from './video/test-clip.js';

/** A gateway address where nothing listens: reaching it would fail with a connection error, not a refusal of the clip. */
const NOWHERE = 'http://127.0.0.1:9';
const OWNER = { client_id: 'owner', signing_jwk: {} };

describe('media CLI', () => {
  it('reads a regions file, and says what is wrong with a bad one', () => {
    expect(parseRegionsFile('{"regions":[{"x":1,"y":2,"width":3,"height":4,"reason":"plate"}]}')).toEqual({
      regions: [{ x: 1, y: 2, width: 3, height: 4, reason: 'plate' }],
      removed_faces: [],
    });
    expect(() => parseRegionsFile('[]')).toThrow(/JSON object/);
    expect(() => parseRegionsFile('{"regions":{}}')).toThrow(/lists/);
    expect(() => parseRegionsFile('{"boxes":[]}')).toThrow(/unknown keys/);
  });

  it('uploads PNG and JPEG files only', () => {
    expect(mediaTypeOf('scene.JPG')).toBe('image/jpeg');
    expect(mediaTypeOf('id.png')).toBe('image/png');
    expect(() => mediaTypeOf('clip.mp4')).toThrow(/only/);
  });

  it('uploads anything that is not a PNG or JPEG as a video', () => {
    expect(mediaKindOf('scene.jpeg')).toBe('photo');
    expect(mediaKindOf('clip.MP4')).toBe('video');
    expect(mediaKindOf('clip.mov')).toBe('video');
  });

  it('refuses an unsupported clip or a bad regions file before anything is sent or decoded', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'n2k-media-cli-'));
    try {
      const args = { recordType: 'case', recordId: 'c-1', ref: 'ev-1', progress: () => {} };
      await makeSyntheticClip(join(dir, 'clip.mkv'));
      await expect(uploadMedia(NOWHERE, OWNER, { ...args, file: join(dir, 'clip.mkv'), out: dir })).rejects.toThrow(
        /^video refused \(unsupported_container\): /,
      );
      await makeSyntheticClip(join(dir, 'clip.mp4'));
      writeFileSync(join(dir, 'regions.json'), JSON.stringify({ regions: [{ x: 300, y: 0, w: 40, h: 10, from_ms: 0, to_ms: 500, reason: 'plate' }] }));
      const out = mkdtempSync(join(dir, 'out-'));
      await expect(uploadMedia(NOWHERE, OWNER, { ...args, file: join(dir, 'clip.mp4'), regions: join(dir, 'regions.json'), out })).rejects.toThrow(
        /^video refused \(invalid_regions\): .*inside the 320 × 180 picture/,
      );
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
