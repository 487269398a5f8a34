import type { GrantedDetail, GrantedRecordAccess } from './authorization-details.js';
import { MAX_LOGGED_REASON_CHARS, REFUSALS_LOGGED_PER_MINUTE, REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE } from './constants.js';

/**
 * Who a refused token request claimed to be, as far as the log may say: a registered client's id
 * (an id the gateway itself issued), a keyed hash of anything else, or nothing. The claim is never
 * trusted; it is kept so that oversight can see a registered client's failures, and can tell that
 * one unknown caller tried many times, without the log ever holding what a caller typed.
 */
export type ClaimedClient =
  | { readonly kind: 'registered'; readonly id: string }
  | { readonly kind: 'unknown'; readonly hash: string }
  | { readonly kind: 'none' };

/** What is known of one refused token request. */
export interface TokenRefusal {
  readonly at: number;
  readonly claimed: ClaimedClient;
  /** The RFC 6749 error code answered on the wire. */
  readonly error: string;
  /** The precise cause (the gateway's own text). */
  readonly reason: string;
}

/**
 * The log entry of a refused token request: `token` with outcome `refused` in `@need2know/audit`'s
 * FORMAT.md (its `TokenRefusedLogEntry`; test/node checks the two agree).
 */
export interface TokenRefusedEntry {
  readonly kind: 'token';
  readonly at: number;
  readonly client: string | null;
  readonly client_hash?: string;
  readonly outcome: 'refused';
  readonly error: string;
  readonly reason: string;
}

/** A granted detail as the log keeps it: a case-specific grant's record ids replaced by their keyed hashes. */
export type LoggedDetail = GrantedDetail | (Omit<GrantedRecordAccess, 'record_ids'> & { readonly record_id_hashes: string[] });

/**
 * The log entry of an issued token: `token` with outcome `issued` in `@need2know/audit`'s FORMAT.md
 * (its `TokenIssuedLogEntry`; test/node checks the two agree).
 */
export interface TokenIssuedEntry {
  readonly kind: 'token';
  readonly at: number;
  readonly client: string;
  readonly outcome: 'issued';
  readonly jti: string;
  readonly expires_in: number;
  readonly authorization_details: readonly LoggedDetail[] | null;
  readonly scope: string | null;
}

/** Printable ASCII only: a reason is the gateway's text, and nothing else may slip through. */
const UNPRINTABLE = /[^\x20-\x7e]/g;

/**
 * The log entry of a refused token request. Every value is validated or bounded: the client is a
 * registered id or a keyed hash, the error a code, the reason the gateway's own text cut to
 * {@link MAX_LOGGED_REASON_CHARS}. Entries can never be removed, so nothing a caller chose goes in.
 *
 * @example refusalEntry({ at, claimed: { kind: 'unknown', hash: 'psn_…' }, error: 'invalid_client', reason: 'unknown client' })
 * // { kind: 'token', at, client: null, client_hash: 'psn_…', outcome: 'refused', error: 'invalid_client', reason: 'unknown client' }
 */
export function refusalEntry(refusal: TokenRefusal): TokenRefusedEntry {
  const { claimed } = refusal;
  return {
    kind: 'token',
    at: refusal.at,
    client: claimed.kind === 'registered' ? claimed.id : null,
    ...(claimed.kind === 'unknown' ? { client_hash: claimed.hash } : {}),
    outcome: 'refused',
    error: refusal.error.replace(UNPRINTABLE, '').slice(0, 40),
    reason: refusal.reason.replace(UNPRINTABLE, '?').slice(0, MAX_LOGGED_REASON_CHARS),
  };
}

/** One bound on logged refusals: a counting scope and how many per minute it may log. */
export interface RefusalBound {
  readonly scope: string;
  readonly perMinute: number;
}

/**
 * The bounds a refusal from `sourceHash` (a keyed hash of its network address) is counted against:
 * its source's, and all sources' together. A refusal over either is answered but not logged.
 */
export function refusalBounds(sourceHash: string): readonly RefusalBound[] {
  return [
    { scope: `token_refusals/source:${sourceHash}`, perMinute: REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE },
    { scope: 'token_refusals', perMinute: REFUSALS_LOGGED_PER_MINUTE },
  ];
}

/**
 * The log entry of an issued token: who, which token, and what it grants — except that a
 * case-specific grant's record ids appear only as keyed hashes (`record_id_hashes`, by `hashIds`,
 * the hashes disclosure entries name persons by), never as the ids themselves.
 *
 * @example issuedEntry({ at, client: 'moh-tracer', jti, expiresIn: 300, scope: null, details: [{ …, record_ids: ['P-1'] }] }, hash)
 * // { kind: 'token', …, authorization_details: [{ …, record_id_hashes: ['psn_…'] }] }
 */
export function issuedEntry(
  issued: {
    readonly at: number;
    readonly client: string;
    readonly jti: string;
    readonly expiresIn: number;
    readonly scope: string | null;
    readonly details: readonly GrantedDetail[] | null;
  },
  hashIds: (ids: readonly string[]) => string[],
): TokenIssuedEntry {
  const details = issued.details?.map((d): LoggedDetail => {
    if (d.type !== 'record_access' || d.record_ids === undefined) return d;
    const { record_ids: ids, ...rest } = d;
    return { ...rest, record_id_hashes: hashIds(ids) };
  });
  return {
    kind: 'token',
    at: issued.at,
    client: issued.client,
    outcome: 'issued',
    jti: issued.jti,
    expires_in: issued.expiresIn,
    authorization_details: details ?? null,
    scope: issued.scope,
  };
}
