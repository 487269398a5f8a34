import type { ClientKind } from './types.js';

/**
 * How the unblurred original of protected media (minors, victims, witnesses, people in restraints)
 * may reach a client:
 * - `in_answer`: in the media answer itself (a partner's system under a grant that releases originals);
 * - `by_reveal`: only in answer to a reveal, after the officer's stated reason is on the log;
 * - `never`: not at all (the grant does not release originals, or the client is not a reader).
 */
export type ProtectedOriginalAccess = 'in_answer' | 'by_reveal' | 'never';

/**
 * The way the original of protected media may reach a client of `kind` when the grant's own rule
 * (`mayReleaseUnblurredMedia`) says `grantReleasesOriginals`.
 *
 * An officer reads in the viewer, which shows protected photos blurred until the officer reveals one
 * with a reason. That promise holds only if the original is not already in the page: a page can be
 * inspected, and a blur applied by the page can be removed. So an officer's media answers carry the
 * blurred rendition, and the original leaves the gateway only after the logged reveal. A partner's
 * system has no page to reveal in: it receives what the grant releases.
 *
 * @example protectedOriginalAccess('officer', true) // 'by_reveal'
 * @example protectedOriginalAccess('partner', true) // 'in_answer'
 * @example protectedOriginalAccess('officer', false) // 'never'
 */
export function protectedOriginalAccess(kind: ClientKind, grantReleasesOriginals: boolean): ProtectedOriginalAccess {
  if (!grantReleasesOriginals) return 'never';
  switch (kind) {
    case 'officer':
      return 'by_reveal';
    case 'partner':
      return 'in_answer';
    default:
      return 'never';
  }
}
