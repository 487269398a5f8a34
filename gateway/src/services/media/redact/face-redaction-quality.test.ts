/**
 * Face redaction measured on real photographs (the six shipped with the detector's package, faces
 * counted by hand in detect/sample-faces.ts), in workerd, with the gateway's own code path: decode,
 * detect (tiny face detector, on TensorFlow.js's WebAssembly kernels as at ingest), redact,
 * re-encode as JPEG.
 *
 * - recall: every hand-counted face lies inside a detected box (≥ 98 % required);
 * - no face survives: on every redacted rendition neither the same detector nor the stronger one
 *   (SSD MobileNet v1) finds a face-sized box over any hand-counted face, nor any box at the
 *   confidence floor anywhere;
 * - the scene is kept: outside the redacted regions the mean absolute difference from the decoded
 *   original is under MAX_MAD_OUTSIDE levels (JPEG re-encoding only).
 * Figures are printed for BENCHMARKS.md.
 */
import { describe, expect, it } from 'vitest';
import { decodeJpeg } from '../decode/decode-jpeg.js';
import { encodeJpeg } from '../decode/encode-jpeg.js';
import { detectFaces } from '../detect/face-detector.js';
import type { Box } from '../detect/manifest.js';
import { SSD_MOBILENET } from '../detect/models/ssd-mobilenet.js';
import { TINY_FACE_DETECTOR } from '../detect/models/tiny-face-detector.js';
import { SAMPLE_PHOTOS } from '../detect/sample-faces.js';
import { DETECTOR_INPUT_SIZE, FACE_CONFIDENCE_FLOOR, REDACT_MARGIN, REDACT_SCORE_MIN } from '../detect/thresholds.js';
import { MAX_MEDIA_PIXELS } from '../limits.js';
import { redactRegions, widen } from './redact-regions.js';

/** Bound on the mean absolute difference outside the redacted regions, in 8-bit levels per channel (JPEG at quality 88). */
const MAX_MAD_OUTSIDE = 2;
const LIMIT = { maxPixels: MAX_MEDIA_PIXELS };
const covers = (b: Box, [x, y]: readonly [number, number]) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;

describe('face redaction on the sample photographs', () => {
  it('finds ≥ 98 % of the faces, leaves none for either detector, and keeps the rest of the picture', async () => {
    let faces = 0;
    let found = 0;
    const rows: string[] = [];
    for (const photo of SAMPLE_PHOTOS) {
      const { image } = decodeJpeg(photo.bytes, LIMIT);
      const manifest = await detectFaces(image, TINY_FACE_DETECTOR, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
      expect(manifest).toMatchObject({ detector: 'tiny_face_detector', version: '@vladmandic/face-api@1.7.15', width: image.width, height: image.height });
      const hits = photo.faces.filter((p) => manifest.faces.some((f) => covers(f, p))).length;
      faces += photo.faces.length;
      found += hits;

      const redacted = decodeJpeg(encodeJpeg(redactRegions(image, manifest.faces, REDACT_MARGIN)), LIMIT).image;
      const again = await detectFaces(redacted, TINY_FACE_DETECTOR, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
      const stronger = await detectFaces(redacted, SSD_MOBILENET, { inputSize: 512, scoreMin: REDACT_SCORE_MIN });
      // A box finds a face when it covers the face's point and is face-sized (at most twice the side of
      // the box first found there): a box over half the picture is not a face found.
      const faceSide = (p: readonly [number, number]) => Math.max(0, ...manifest.faces.filter((f) => covers(f, p)).map((f) => Math.max(f.width, f.height)));
      const findsFace = (f: Box) => photo.faces.some((p) => covers(f, p) && Math.max(f.width, f.height) <= 2 * faceSide(p));
      const survivors = [...again.faces, ...stronger.faces].filter((f) => f.score >= FACE_CONFIDENCE_FLOOR || findsFace(f));

      const redactedMask = new Uint8Array(image.width * image.height);
      for (const r of manifest.faces.map((f) => widen(f, REDACT_MARGIN, image.width, image.height))) {
        if (r !== null) for (let y = r.y; y < r.y + r.height; y++) redactedMask.fill(1, y * image.width + r.x, y * image.width + r.x + r.width);
      }
      let sum = 0;
      let n = 0;
      for (let i = 0; i < redactedMask.length; i++) {
        if (redactedMask[i] === 0) {
          const o = i * 4;
          sum +=
            Math.abs((image.data[o] as number) - (redacted.data[o] as number)) +
            Math.abs((image.data[o + 1] as number) - (redacted.data[o + 1] as number)) +
            Math.abs((image.data[o + 2] as number) - (redacted.data[o + 2] as number));
          n += 3;
        }
      }
      const mad = sum / n;
      rows.push(
        `| ${photo.name} | ${photo.faces.length} | ${hits} | ${manifest.faces.length} (${manifest.faces.map((f) => f.score.toFixed(2)).join(', ')}) | ${again.faces.length} / ${stronger.faces.length} (max ${Math.max(0, ...again.faces.map((f) => f.score), ...stronger.faces.map((f) => f.score)).toFixed(2)}) | ${survivors.length} | ${mad.toFixed(2)} |`,
      );
      expect(survivors).toEqual([]);
      expect(mad).toBeLessThan(MAX_MAD_OUTSIDE);
    }
    console.log(
      [
        '| photo | faces (hand) | found | boxes (scores) | boxes on redacted: tiny / SSD (max score) | faces surviving | MAD outside |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
        `recall ${found}/${faces} = ${((100 * found) / faces).toFixed(1)} %`,
      ].join('\n'),
    );
    expect(found / faces).toBeGreaterThanOrEqual(0.98);
  }, 600_000);
});
