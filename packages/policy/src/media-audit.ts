/**
 * What a privacy officer auditing a photo's redaction may be shown. Pure: no I/O, no env.
 */
import type { ProtectedRendition } from './media-redaction.js';

/** What the officer asks to see: the protection the photo goes out under, one protected rendition by name, or the original. */
export type AuditRequest = 'protected' | ProtectedRendition | 'original';

/** The stored facts of a photo this rule needs. */
export interface AuditedMedia {
  /** What the photo goes out as when faces may not be shown; null when it was never examined (not flagged at upload). */
  readonly protectedRendition: ProtectedRendition | null;
  readonly hasRedacted: boolean;
  readonly hasBlurred: boolean;
  /** Whether a leadership approval in force lets this officer open this photo's original now (`originalReleasedTo`). */
  readonly originalApproved: boolean;
}

/** The rendition to show, or why none is shown. */
export type AuditDecision =
  | { readonly ok: true; readonly rendition: ProtectedRendition; readonly original: boolean }
  | { readonly ok: false; readonly code: 'leadership_approval_required' | 'rendition_not_stored' };

/**
 * An audit shows what partners and officers receive in place of the people in a photo: the redacted
 * rendition or the whole frame blurred. Seeing the original is the very access the two-leadership
 * rule guards for grants: `original` is refused unless an approval of two leadership officers for
 * this officer and this photo is in force (`original-audit.ts`), and then the original is shown
 * beside the protected rendition, never instead of it. `protected` is what the photo goes out as
 * (blurred for a photo never examined: nothing vouches that its faces are hidden).
 *
 * @example decideRedactionAudit('protected', { protectedRendition: 'redacted', hasRedacted: true, hasBlurred: true, originalApproved: false }) // { ok: true, rendition: 'redacted', original: false }
 * @example decideRedactionAudit('original', { protectedRendition: 'redacted', hasRedacted: true, hasBlurred: true, originalApproved: false }) // { ok: false, code: 'leadership_approval_required' }
 * @example decideRedactionAudit('redacted', { protectedRendition: 'blurred', hasRedacted: false, hasBlurred: true, originalApproved: false }) // { ok: false, code: 'rendition_not_stored' }
 */
export function decideRedactionAudit(request: AuditRequest, media: AuditedMedia): AuditDecision {
  if (request === 'original' && !media.originalApproved) return { ok: false, code: 'leadership_approval_required' };
  const rendition: ProtectedRendition = request === 'protected' || request === 'original' ? (media.protectedRendition ?? 'blurred') : request;
  const stored = rendition === 'redacted' ? media.hasRedacted : media.hasBlurred;
  return stored ? { ok: true, rendition, original: request === 'original' } : { ok: false, code: 'rendition_not_stored' };
}
