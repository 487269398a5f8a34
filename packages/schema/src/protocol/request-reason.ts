/**
 * The headers a partner system or the officer's viewer sends a stated reason in (issue 16), named
 * after the practice they follow: X-Road's `X-Road-Issue`, which Estonia's health registers require
 * and show to the citizen. What is required and what is valid is decided by `@need2know/policy`
 * (`request-reason.ts`); this file only names the wire.
 */

/** The case or outbreak number the request is for (`PP-2026-0412`): ASCII, logged in clear. */
export const REFERENCE_HEADER = 'N2K-Reference';
/** Why the request is made, as percent-encoded UTF-8 (see {@link encodeReason}): stored sealed, logged as a keyed hash. */
export const REASON_HEADER = 'N2K-Reason';
/** W3C Trace Context (https://www.w3.org/TR/trace-context/): logged so a disclosure can be followed into the caller's systems. */
export const TRACEPARENT_HEADER = 'traceparent';

/**
 * A reason as {@link REASON_HEADER} carries it: UTF-8, every byte outside unreserved ASCII
 * percent-encoded (RFC 3986 §2.1), spaces kept, so Khmer travels in an ASCII header.
 *
 * @example encodeReason('bail review') // 'bail review'
 * @example encodeReason('ពិនិត្យ') // '%E1%9E%96%E1%9E%B7%E1%9E%93%E1%9E%B7%E1%9E%8F%E1%9F%92%E1%9E%99'
 */
export function encodeReason(reason: string): string {
  return encodeURIComponent(reason.normalize('NFC')).replace(/%20/g, ' ');
}
