/**
 * The protected renditions of a flagged photo, made once at ingest: detect faces, decide between
 * `redacted` and `blurred` (policy/media-redaction.ts), and, for `redacted`, blur every face with
 * its margin and encode the result in the original's format.
 */
import { protectedRendition, type ProtectedRendition } from '@need2know/policy';
import { encodeJpeg } from '../decode/encode-jpeg.js';
import { toOriginalBox } from '../decode/working-picture.js';
import { detectFaces } from '../detect/face-detector.js';
import type { DetectionManifest } from '../detect/manifest.js';
import { TINY_FACE_DETECTOR } from '../detect/models/tiny-face-detector.js';
import { detectorInputSize, FACE_CONFIDENCE_FLOOR, REDACT_MARGIN, REDACT_SCORE_MIN } from '../detect/thresholds.js';
import type { MediaType } from '../limits.js';
import { encodePng, type RgbaImage } from '@need2know/png';
import { redactRegions } from './redact-regions.js';

/** What {@link prepareRedaction} gives. */
export interface PreparedRedaction {
  /** The detection run: kept sealed with the media, never released. */
  readonly manifest: DetectionManifest;
  /** `redacted` when a face was found at the confidence floor, `blurred` otherwise (the fail-safe). */
  readonly protectedRendition: ProtectedRendition;
  /** The redacted rendition, encoded; null when the photo goes out blurred. */
  readonly redacted: { readonly bytes: Uint8Array; readonly contentType: MediaType } | null;
}

/**
 * Detects the faces in `pixels` (upright, the working picture at 1/`scale` of the original) and
 * makes the redacted rendition, at the working picture's size, when the policy allows one: every
 * box at {@link REDACT_SCORE_MIN} or more, widened by {@link REDACT_MARGIN}, is pixelated and
 * blurred; the rest of the picture is kept. The manifest's boxes and size are the upright
 * original's (as manual regions are), whatever the scale the detector ran at.
 *
 * @example
 * const { protectedRendition, redacted, manifest } = await prepareRedaction(pixels, 'image/jpeg', 2);
 */
export async function prepareRedaction(pixels: RgbaImage, type: MediaType, scale = 1): Promise<PreparedRedaction> {
  const found = await detectFaces(pixels, TINY_FACE_DETECTOR, { inputSize: detectorInputSize(pixels.width, pixels.height), scoreMin: REDACT_SCORE_MIN });
  const manifest: DetectionManifest =
    scale === 1 ? found : { ...found, width: found.width * scale, height: found.height * scale, faces: found.faces.map((f) => toOriginalBox(f, scale)) };
  const decision = protectedRendition(manifest, FACE_CONFIDENCE_FLOOR);
  if (decision === 'blurred') return { manifest, protectedRendition: decision, redacted: null };
  const image = redactRegions(pixels, found.faces, REDACT_MARGIN);
  const bytes = type === 'image/png' ? await encodePng(image) : encodeJpeg(image);
  return { manifest, protectedRendition: decision, redacted: { bytes, contentType: type } };
}
