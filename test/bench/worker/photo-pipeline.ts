/**
 * Benchmark-only routes: the photo pipeline inside workerd, one stage set per request, so that the
 * cost of face redaction is measured beside decoding alone in the same run. Never deployed.
 *
 * - `POST /__bench/photo/decode`: decode the JPEG body to its working picture (the baseline);
 * - `POST /__bench/photo/redact`: decode, detect faces (tiny face detector), redact them with their
 *   margin and encode the redacted rendition as JPEG — what ingest adds for a flagged photo.
 * Both run with the gateway's own limits and code: a photo larger than 2048 × 2048 is decoded at
 * 1/2, 1/4 or 1/8 of its size (a 12 MP photo at 2000 × 1500), as at ingest.
 */
import { Hono } from 'hono';
import { decodeWorkingPicture } from '../../../gateway/src/services/media/decode/working-picture.js';
import { prepareRedaction } from '../../../gateway/src/services/media/redact/prepare-redaction.js';

/** The photo pipeline routes, mounted by the bench Worker. */
export const photoPipeline = new Hono();

photoPipeline.post('/__bench/photo/decode', async (c) => {
  const { image, scale } = await decodeWorkingPicture(new Uint8Array(await c.req.arrayBuffer()), 'image/jpeg');
  return c.json({ width: image.width, height: image.height, scale });
});

photoPipeline.post('/__bench/photo/redact', async (c) => {
  const { image, scale } = await decodeWorkingPicture(new Uint8Array(await c.req.arrayBuffer()), 'image/jpeg');
  const { manifest, redacted } = await prepareRedaction(image, 'image/jpeg', scale);
  return c.json({ width: image.width, height: image.height, scale, faces: manifest.faces.length, bytes: redacted?.bytes.length ?? 0 });
});
