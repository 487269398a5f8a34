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
}

/** The rendition to show, or why none is shown. */
export type AuditDecision =
  | { readonly ok: true; readonly rendition: ProtectedRendition }
  | { readonly ok: false; readonly code: 'original_not_released' | 'rendition_not_stored' };

/**
 * An audit shows what partners and officers receive in place of the people in a photo: the redacted
 * rendition or the whole frame blurred, never the original. Seeing the original is the very access
 * the two-leadership rule guards for grants; a privacy officer auditing alone holds no such approval,
 * so `original` is refused whatever else holds. `protected` is what the photo goes out as (blurred
 * for a photo never examined: nothing vouches that its faces are hidden).
 *
 * @example decideRedactionAudit('protected', { protectedRendition: 'redacted', hasRedacted: true, hasBlurred: true }) // { ok: true, rendition: 'redacted' }
 * @example decideRedactionAudit('original', { protectedRendition: 'redacted', hasRedacted: true, hasBlurred: true }) // { ok: false, code: 'original_not_released' }
 * @example decideRedactionAudit('redacted', { protectedRendition: 'blurred', hasRedacted: false, hasBlurred: true }) // { ok: false, code: 'rendition_not_stored' }
 */
export function decideRedactionAudit(request: AuditRequest, media: AuditedMedia): AuditDecision {
  if (request === 'original') return { ok: false, code: 'original_not_released' };
  const rendition: ProtectedRendition = request === 'protected' ? (media.protectedRendition ?? 'blurred') : request;
  const stored = rendition === 'redacted' ? media.hasRedacted : media.hasBlurred;
  return stored ? { ok: true, rendition } : { ok: false, code: 'rendition_not_stored' };
}
