/**
 * Which stored rendition of a photo a disclosure mode releases. Pure: no I/O, no env. Asked by the
 * media release (`gateway/src/services/media/disclose-media.ts`) with the purpose's mode for the
 * field that names the photo (`clear`, `redacted`, `blurred` or `none`).
 */
import { BLURRED_SUFFIX, REDACTED_SUFFIX } from './disclosure/context.js';

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

/** How much each mode can release, least first: the order {@link renditionForMode} keeps for every photo. */
const MODE_RANK: Readonly<Record<MediaMode, number>> = { none: 0, blurred: 1, redacted: 2, clear: 3 };

/** A reference as a partner asks for it: the stored ref, and the most it asks for (`ref#redacted`, `ref#blurred`, or the bare ref: what the mode allows). */
export interface RequestedMedia {
  readonly ref: string;
  readonly asked: Exclude<MediaMode, 'none'>;
}

/**
 * Splits a requested reference into the stored ref and the mode it asks for.
 *
 * @example parseRequestedRef('ev/1.jpg#redacted') // { ref: 'ev/1.jpg', asked: 'redacted' }
 */
export function parseRequestedRef(requested: string): RequestedMedia {
  if (requested.endsWith(BLURRED_SUFFIX)) return { ref: requested.slice(0, -BLURRED_SUFFIX.length), asked: 'blurred' };
  if (requested.endsWith(REDACTED_SUFFIX)) return { ref: requested.slice(0, -REDACTED_SUFFIX.length), asked: 'redacted' };
  return { ref: requested, asked: 'clear' };
}

/**
 * The rendition a request releases: what the lesser of the purpose's mode and the asked one gives
 * ({@link renditionForMode}). Asking never widens: a bare ref under a `redacted` purpose still gets
 * the redacted rendition, and `ref#blurred` always gets the blurred one.
 *
 * @example renditionToRelease('redacted', 'clear', { flagged: false, originalsApproved: false, protectedRendition: null }) // 'blurred'
 * @example renditionToRelease('clear', 'blurred', { flagged: false, originalsApproved: false, protectedRendition: null })   // 'blurred'
 */
export function renditionToRelease(purposeMode: MediaMode, asked: Exclude<MediaMode, 'none'>, facts: MediaFacts): ReleasedRendition | null {
  return renditionForMode(MODE_RANK[asked] < MODE_RANK[purposeMode] ? asked : purposeMode, facts);
}

/** True when `mode` is a media mode (`clear`, `redacted`, `blurred` or `none`). */
export function isMediaMode(mode: unknown): mode is MediaMode {
  return typeof mode === 'string' && Object.hasOwn(MODE_RANK, mode);
}
