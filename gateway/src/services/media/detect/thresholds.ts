/**
 * The numbers that decide what counts as a face, in one place, each with its reason.
 */

/**
 * Side, in pixels, of the square the tiny face detector looks at (a multiple of 32). 416 is the
 * package's default: every face of the sample photographs found (see the quality test) at about
 * 85 ms of CPU in Node on the WebAssembly kernels (1.2 s on the CPU kernels); 608 costs twice as
 * much and found no more. 320 saves about a quarter of the time but scores faces lower (sample1's
 * best three 0.67, 0.61, 0.49 instead of 0.80, 0.78, 0.72 in the same trial): closer to the
 * confidence floor, so more flagged photos would fail safe to `blurred`.
 */
export const DETECTOR_INPUT_SIZE = 416;

/**
 * Smallest input side: a picture smaller than {@link DETECTOR_INPUT_SIZE} is examined at its own
 * size rounded up to a multiple of 32 (the network's stride), not enlarged to 416 — a 96-pixel
 * thumbnail costs a twentieth of the time. A face missed there is caught by the fail-safe (no
 * confident face: the whole frame is blurred).
 */
export const DETECTOR_MIN_INPUT_SIZE = 64;

/** The input side for a `width` × `height` picture: {@link DETECTOR_INPUT_SIZE}, or less for a smaller picture. */
export function detectorInputSize(width: number, height: number): number {
  const side = Math.ceil(Math.max(width, height) / 32) * 32;
  return Math.min(DETECTOR_INPUT_SIZE, Math.max(DETECTOR_MIN_INPUT_SIZE, side));
}

/**
 * Lowest score of a box that is redacted. Low on purpose: a box over something that is not a face
 * costs a blurred patch of background, a face missed costs a person's identity.
 */
export const REDACT_SCORE_MIN = 0.2;

/**
 * The confidence floor: a flagged photo is released `redacted` only when at least one box scores
 * this much. Below it the detector is unsure it saw the people in the picture at all (a face turned
 * away, in shadow, too small), so the whole frame is blurred instead: the fail-safe.
 */
export const FACE_CONFIDENCE_FLOOR = 0.5;

/**
 * Margin added around every box on each side, as a fraction of the box's larger side: the detector's
 * box hugs eyes, nose and mouth; hair, ears, jaw and the top of the head identify people too.
 */
export const REDACT_MARGIN = 0.35;
