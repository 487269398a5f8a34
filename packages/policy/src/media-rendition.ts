/**
 * Which stored rendition of a photo a disclosure mode releases. Pure: no I/O, no env.
 *
 * Not yet asked by the release path (`gateway/src/services/media/release.ts` knows `original` and `blurred`
 * only), nor exported from index.ts yet: the rule it is to follow once purposes name a media mode per field.
 */

/** A purpose's disclosure mode for a media field. */
export type MediaMode = 'clear' | 'redacted' | 'blurred' | 'none';

/** A rendition the media store can release. */
export type ReleasedRendition = 'original' | 'redacted' | 'blurred';

/** What the rule needs to know about the photo and the grant. */
export interface MediaFacts {
  /** Minimisation protects this photo today (a minor, a victim, a witness, a restrained person; a photo of a minor or of unknown age). */
  readonly flagged: boolean;
  /** The grant releases protected originals (the purpose allows it and two leadership officers in office approved it). */
  readonly originalsApproved: boolean;
  /** The protected rendition decided at ingest: `redacted` when a face was found with confidence and a redacted rendition is stored, `blurred` otherwise, null when none was decided. */
  readonly protectedRendition: 'redacted' | 'blurred' | null;
}

/**
 * The rendition `mode` releases for a photo, never more than the mode allows and never more than
 * the photo's protection allows:
 *
 * - `none`: nothing;
 * - `blurred`: the whole frame blurred, always;
 * - `redacted`: the redacted rendition where one is stored, otherwise the blurred one (a photo on
 *   which no face was found with confidence, or never examined, cannot be vouched for);
 * - `clear`: the original for an unflagged photo, or a flagged one under approved originals;
 *   otherwise what `redacted` gives.
 *
 * @example
 * renditionForMode('clear', { flagged: true, originalsApproved: false, protectedRendition: 'redacted' }) // 'redacted'
 * renditionForMode('redacted', { flagged: false, originalsApproved: false, protectedRendition: null })   // 'blurred'
 */
export function renditionForMode(mode: MediaMode, facts: MediaFacts): ReleasedRendition | null {
  const protectedOne: ReleasedRendition = facts.protectedRendition === 'redacted' ? 'redacted' : 'blurred';
  switch (mode) {
    case 'none':
      return null;
    case 'blurred':
      return 'blurred';
    case 'redacted':
      return protectedOne;
    case 'clear':
      return !facts.flagged || facts.originalsApproved ? 'original' : protectedOne;
  }
}
