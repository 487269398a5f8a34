/**
 * Benchmark-only routes: the photo pipeline inside workerd, one stage set per request, so that the
 * cost of face redaction is measured beside decoding alone in the same run. Never deployed.
 *
 * - `POST /__bench/photo/decode`: decode the JPEG body (the baseline);
 * - `POST /__bench/photo/redact`: decode, detect faces (tiny face detector), redact them with their
 *   margin and encode the redacted rendition as JPEG — what ingest adds for a flagged photo.
 * Both decode with the pixel and memory limits raised, to measure photos beyond what the gateway
 * accepts (12 MP): the figures say what such a photo would cost, not that it would fit.
 */
import { Hono } from 'hono';
import { decodeJpeg } from '../../../gateway/src/services/media/decode/decode-jpeg.js';
import { encodeJpeg } from '../../../gateway/src/services/media/decode/encode-jpeg.js';
import { detectFaces } from '../../../gateway/src/services/media/detect/face-detector.js';
import { TINY_FACE_DETECTOR } from '../../../gateway/src/services/media/detect/models/tiny-face-detector.js';
import { DETECTOR_INPUT_SIZE, REDACT_MARGIN, REDACT_SCORE_MIN } from '../../../gateway/src/services/media/detect/thresholds.js';
import { redactRegions } from '../../../gateway/src/services/media/redact/redact-regions.js';

/** Up to 13 MP, with jpeg-js's allocation guard raised to match (≈ 20 MB per megapixel). */
const BENCH_LIMIT = { maxPixels: 13_000_000, maxMemoryMb: 512 };

/** The photo pipeline routes, mounted by the bench Worker. */
export const photoPipeline = new Hono();

photoPipeline.post('/__bench/photo/decode', async (c) => {
  const { image } = decodeJpeg(new Uint8Array(await c.req.arrayBuffer()), BENCH_LIMIT);
  return c.json({ width: image.width, height: image.height });
});

photoPipeline.post('/__bench/photo/redact', async (c) => {
  const { image } = decodeJpeg(new Uint8Array(await c.req.arrayBuffer()), BENCH_LIMIT);
  const manifest = await detectFaces(image, TINY_FACE_DETECTOR, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
  const jpeg = encodeJpeg(redactRegions(image, manifest.faces, REDACT_MARGIN));
  return c.json({ width: image.width, height: image.height, faces: manifest.faces.length, bytes: jpeg.length });
});
