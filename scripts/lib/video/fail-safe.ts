/**
 * When a clip fails safe. Pure.
 *
 * The tool cannot know whether the record flags the footage, so it applies the rule to every clip,
 * as the gateway does to every flagged photo: the redacted rendition is made only when the detector
 * examined every frame and found, on at least one frame, a face at or above the photos' confidence
 * floor (`protectedRendition`, the photos' rule, over every box of every frame). Otherwise the
 * manifest's `redacted` is null, `fail_safe` says why, and only the whole-frame blurred rendition
 * goes out:
 *
 * - `detection_failed`: the detector stopped on some frame, so later frames were never examined;
 * - `no_face_found`: no box on any frame. Footage uploaded as evidence about people is taken to show
 *   some, so the detector must have missed them (in the dark, from behind, too small);
 * - `detection_unsure`: boxes, all under the floor.
 *
 * Manual regions never turn a fail-safe clip into a redacted one: they add to what is hidden, they
 * do not vouch that nobody else is in the picture.
 */
import { protectedRendition } from '@need2know/policy';
import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';

/**
 * The cause of the fail-safe for detections `perFrame` (every box of every frame) and the detector's
 * `failure` (null when every frame was examined); null when the redacted rendition may be made.
 *
 * @example
 * failSafeCause([[], [{ score: 0.81 }]], null, 0.5) // null
 * failSafeCause([[], [{ score: 0.3 }]], null, 0.5)  // 'detection_unsure'
 * failSafeCause([[], []], null, 0.5)                 // 'no_face_found'
 */
export function failSafeCause(perFrame: readonly (readonly { score: number }[])[], failure: string | null, floor: number): VideoRedactionManifest['fail_safe'] {
  if (failure !== null) return 'detection_failed';
  const faces = perFrame.flat();
  if (protectedRendition({ faces }, floor) === 'redacted') return null;
  return faces.length === 0 ? 'no_face_found' : 'detection_unsure';
}
