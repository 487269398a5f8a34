/**
 * Which protected rendition a flagged photo gets: `redacted` (faces and regions blurred, the scene
 * kept) or `blurred` (the whole frame). Pure: no I/O, no env.
 */

/** A rendition that hides the people in a flagged photo. */
export type ProtectedRendition = 'redacted' | 'blurred';

/** What detection found, as far as this rule needs it: each face's score. */
export interface FaceScores {
  readonly faces: readonly { readonly score: number }[];
}

/**
 * `redacted` only when the detector found at least one face scoring `floor` or more; `blurred`
 * otherwise — no face found, or only faces it was unsure of, means it may have missed the people
 * in the picture, so the whole frame is hidden (the fail-safe). Manual regions never turn a
 * `blurred` photo into a `redacted` one: they add to the detector's boxes, they do not vouch that
 * nobody else is in the picture.
 *
 * @example
 * protectedRendition({ faces: [{ score: 0.81 }, { score: 0.3 }] }, 0.5) // 'redacted'
 * protectedRendition({ faces: [{ score: 0.3 }] }, 0.5)                  // 'blurred'
 * protectedRendition(null, 0.5)                                         // 'blurred' (no detection ran)
 */
export function protectedRendition(detection: FaceScores | null, floor: number): ProtectedRendition {
  if (detection === null) return 'blurred';
  return detection.faces.some((f) => Number.isFinite(f.score) && f.score >= floor) ? 'redacted' : 'blurred';
}
