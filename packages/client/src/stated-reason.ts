import { encodeReason, REASON_HEADER, REFERENCE_HEADER, TRACEPARENT_HEADER } from '@need2know/schema';

/**
 * What a partner system states with a record request: the case or outbreak number the work is for
 * and why (required by purposes that say so, refused with 400 `reason_required` otherwise), and
 * optionally its W3C `traceparent`, so the gateway's log can be followed into the partner's systems.
 */
export interface StatedReason {
  /** A case or outbreak number: ASCII letters and digits with `-_./:` between them, at most 64 (`PP-2026-0412`). Logged in clear. */
  readonly reference?: string;
  /** Free text in any script, at most 200 characters, no control characters. Kept sealed by the gateway; shown in the subject access report. */
  readonly reason?: string;
  /** A W3C Trace Context `traceparent` (`00-<trace-id>-<parent-id>-<flags>`); an invalid one is ignored by the gateway. */
  readonly traceparent?: string;
}

/**
 * The request headers carrying `stated`: `N2K-Reference`, `N2K-Reason` (percent-encoded UTF-8, so
 * Khmer travels in an ASCII header) and `traceparent`; parts not given are not sent.
 *
 * @example statedReasonHeaders({ reference: 'PP-2026-0412', reason: 'bail review' })
 * // { 'N2K-Reference': 'PP-2026-0412', 'N2K-Reason': 'bail review' }
 */
export function statedReasonHeaders(stated: StatedReason): Record<string, string> {
  return {
    ...(stated.reference === undefined ? {} : { [REFERENCE_HEADER]: stated.reference }),
    ...(stated.reason === undefined ? {} : { [REASON_HEADER]: encodeReason(stated.reason) }),
    ...(stated.traceparent === undefined ? {} : { [TRACEPARENT_HEADER]: stated.traceparent }),
  };
}
