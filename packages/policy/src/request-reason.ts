import { personLinks, recordType } from '@need2know/schema';
import type { PurposeRules } from './types.js';

/**
 * A stated reason on every request (issue 16): a purpose may require each record request to carry a
 * reference (the case or outbreak number the work is for) and a free-text reason, as X-Road's
 * `X-Road-Issue` does for Estonia's health registers. The reference is logged in clear with the
 * disclosure, so it may hold only a case number's characters; the reason may name people, so it is
 * stored sealed and the log names it by a keyed hash. This file decides what is required and what a
 * valid pair looks like; the gateway's headers (`N2K-Reference`, `N2K-Reason`,
 * `@need2know/schema`'s `protocol/request-reason.ts`) only carry them.
 */

/** The record requests a stated reason is asked of: every request that can disclose something about a person. */
export const REASON_REQUEST_KINDS = ['fetch', 'search', 'check', 'media'] as const;
export type ReasonRequestKind = (typeof REASON_REQUEST_KINDS)[number];

/** Longest reference: a case or outbreak number (`PP-2026-0412`, `OB/2026/17`), never prose. */
export const MAX_REFERENCE_CHARS = 64;
/**
 * Longest reason, in characters after decoding: a sentence ("bail review", "tracing contacts of case
 * 17"), not a report. Khmer text is about three UTF-8 bytes a character, so the header stays under
 * ≈ 2 KB once percent-encoded.
 */
export const MAX_REASON_CHARS = 200;
/** Longest encoded reason header accepted before decoding (nine bytes per character: `%E1%9E%80`). */
export const MAX_REASON_HEADER_CHARS = MAX_REASON_CHARS * 9;

/**
 * A reference: letters and digits, with `-`, `_`, `.`, `/` and `:` between them (ASCII only: it is
 * logged in clear and shown to oversight, so it cannot carry a name in another script or a control).
 */
const REFERENCE_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._/:-]*[A-Za-z0-9])?$/;
/** What may stand unencoded in the reason header: visible ASCII and space (RFC 9110 §5.5 field-vchar), `%` only as an escape. */
const REASON_HEADER_PATTERN = /^(?:[\x20-\x24\x26-\x7e]|%[0-9A-Fa-f]{2})*$/;
/**
 * Characters a reason may not hold: controls (C0, DEL, C1), line and paragraph separators, and the
 * bidirectional overrides and isolates that would let a reason display differently from what it
 * says to the oversight reading it. Khmer's zero-width space (U+200B) and joiners stay allowed.
 */
const FORBIDDEN_IN_REASON = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffd]/u;

/** A reference and a reason as they arrived (header values, undefined when absent). */
export interface ReasonAsked {
  readonly reference: string | undefined;
  /** Percent-encoded UTF-8 (RFC 3986 §2.1), so Khmer travels in an ASCII header. */
  readonly reason: string | undefined;
}

/** A valid stated reason: the reference as given, the reason decoded (NFC); null where none was sent. */
export interface StatedReason {
  readonly reference: string | null;
  readonly reason: string | null;
}

/** Why a stated reason was refused: `reason_required` (a required part missing) or `reason_invalid` (malformed). */
export interface ReasonIssue {
  readonly path: 'reference' | 'reason';
  readonly code: 'missing' | 'too_long' | 'bad_characters' | 'bad_encoding' | 'empty';
  readonly message: string;
}

/** The decision on a request's stated reason. */
export type ReasonDecision =
  | { readonly ok: true; readonly stated: StatedReason }
  | {
      readonly ok: false;
      readonly code: 'reason_required' | 'reason_invalid';
      readonly issues: readonly ReasonIssue[];
      /** The valid reference sent with a request refused for lacking a reason (logged with the refusal); null otherwise. */
      readonly reference: string | null;
    };

/** What a purpose says about stated reasons (absent: not required, as for purposes stored before the setting). */
export interface ReasonSetting {
  readonly reasonRequired?: boolean;
}

/**
 * Whether a new purpose with `rules` requires a reference and reason when its registration says
 * nothing: yes when it discloses anything of a record type about persons (a person record, or one
 * that names persons by reference or national ID).
 *
 * @example defaultReasonRequired({ person: { phone: 'clear' } }) // true
 */
export function defaultReasonRequired(rules: PurposeRules): boolean {
  return Object.entries(rules).some(([type, fields]) => {
    const def = recordType(type);
    return def !== undefined && personLinks(def).length > 0 && Object.values(fields).some((mode) => mode !== 'none');
  });
}

/** Must a `kind` request under `purpose` carry a reference and a reason? */
export function reasonRequiredFor(purpose: ReasonSetting, kind: ReasonRequestKind): boolean {
  return purpose.reasonRequired === true && REASON_REQUEST_KINDS.includes(kind);
}

/** The reason header decoded, or the issue with it. Strict: no raw non-ASCII, `%` only as `%XX`, valid UTF-8. */
function decodeReason(raw: string): { ok: true; text: string } | { ok: false; issue: ReasonIssue } {
  const bad = (code: ReasonIssue['code'], message: string) => ({ ok: false as const, issue: { path: 'reason' as const, code, message } });
  if (raw.length > MAX_REASON_HEADER_CHARS) return bad('too_long', `at most ${MAX_REASON_CHARS} characters`);
  if (!REASON_HEADER_PATTERN.test(raw)) return bad('bad_encoding', 'send the reason as percent-encoded UTF-8');
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%') {
      bytes.push(Number.parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(raw.charCodeAt(i));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
  } catch {
    return bad('bad_encoding', 'the reason is not valid UTF-8');
  }
  text = text.normalize('NFC');
  if (FORBIDDEN_IN_REASON.test(text)) return bad('bad_characters', 'no control, line-break or direction-override characters');
  text = text.trim();
  if (text.length === 0) return bad('empty', 'the reason is empty');
  if ([...text].length > MAX_REASON_CHARS) return bad('too_long', `at most ${MAX_REASON_CHARS} characters`);
  return { ok: true, text };
}

/** The reference's issue, if any. */
function referenceIssue(reference: string): ReasonIssue | null {
  if (reference.length > MAX_REFERENCE_CHARS) return { path: 'reference', code: 'too_long', message: `at most ${MAX_REFERENCE_CHARS} characters` };
  if (!REFERENCE_PATTERN.test(reference))
    return { path: 'reference', code: 'bad_characters', message: 'letters and digits, with - _ . / : between them (a case or outbreak number)' };
  return null;
}

/**
 * Decides a request's stated reason. Whatever is sent must be valid, required or not (`reason_invalid`
 * otherwise: bad input changes nothing and is not logged as if it were a reason). When the purpose
 * requires a reason for this kind of request, both a reference and a reason must be present
 * (`reason_required`). An empty header counts as absent.
 *
 * @example decideRequestReason({ reasonRequired: true }, 'fetch', { reference: 'PP-2026-0412', reason: 'bail%20review' })
 * // { ok: true, stated: { reference: 'PP-2026-0412', reason: 'bail review' } }
 */
export function decideRequestReason(purpose: ReasonSetting, kind: ReasonRequestKind, asked: ReasonAsked): ReasonDecision {
  const reference = asked.reference === undefined || asked.reference.trim() === '' ? null : asked.reference.trim();
  const rawReason = asked.reason === undefined || asked.reason.trim() === '' ? null : asked.reason.trim();
  const invalid: ReasonIssue[] = [];
  const refIssue = reference === null ? null : referenceIssue(reference);
  if (refIssue !== null) invalid.push(refIssue);
  let reason: string | null = null;
  if (rawReason !== null) {
    const decoded = decodeReason(rawReason);
    if (decoded.ok) reason = decoded.text;
    else invalid.push(decoded.issue);
  }
  if (invalid.length > 0) return { ok: false, code: 'reason_invalid', issues: invalid, reference: null };
  if (reasonRequiredFor(purpose, kind)) {
    const missing: ReasonIssue[] = [];
    if (reference === null) missing.push({ path: 'reference', code: 'missing', message: 'this purpose requires a case or outbreak reference' });
    if (reason === null) missing.push({ path: 'reason', code: 'missing', message: 'this purpose requires a reason' });
    if (missing.length > 0) return { ok: false, code: 'reason_required', issues: missing, reference };
  }
  return { ok: true, stated: { reference, reason } };
}

/** Turning the requirement off lets requests through without a stated reason: a widening, for a second officer. */
export function reasonWidenings(current: ReasonSetting, next: ReasonSetting): string[] {
  return current.reasonRequired === true && next.reasonRequired !== true ? ['reason_required: true → false'] : [];
}

/** W3C Trace Context §3.2.2: version, trace-id, parent-id and flags, lower-case hex only. */
const TRACEPARENT_PATTERN = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})/;
/** Length of a version-00 `traceparent` (and of the part a later version shares with it). */
const TRACEPARENT_CHARS = 55;

/**
 * The `traceparent` a caller sent, as it is logged, or null when it is absent or invalid: the W3C
 * Trace Context says a receiver ignores an invalid one (§3.2.2.1), so it is never a reason to refuse.
 * Strict grammar: lower-case hex; version `ff` invalid; trace-id and parent-id not all zeros; version
 * `00` exactly 55 characters; a later version at least that, with `-` after it, logged by the part
 * every version shares (§3.2.4, versioning).
 *
 * @example parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01') // the same string
 * @example parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01') // null
 */
export function parseTraceparent(value: string | undefined): string | null {
  if (value === undefined) return null;
  const m = TRACEPARENT_PATTERN.exec(value);
  if (m === null) return null;
  const [, version, traceId, parentId] = m;
  if (version === 'ff' || /^0+$/.test(traceId ?? '') || /^0+$/.test(parentId ?? '')) return null;
  if (version === '00' ? value.length !== TRACEPARENT_CHARS : value.length > TRACEPARENT_CHARS && value[TRACEPARENT_CHARS] !== '-') return null;
  return value.slice(0, TRACEPARENT_CHARS);
}
