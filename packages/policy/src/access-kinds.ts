import type { GrantedDetail, GrantedRecordAccess, GrantedRecordIngest, GrantedStatsAccess } from './authorization-details.js';
import type { ClientKind } from './types.js';

/**
 * The kinds of access token a protected route accepts, and what each needs before its request is
 * served. A token is usable at all by `decideTokenUse` (revocation, client standing, grant and
 * purpose now); whether it is the *kind* a route accepts is this rule: the detail or scope it must
 * carry, and the kind of client it must belong to. A token of one kind never opens a route of
 * another, whatever it carries besides.
 */

/** Which kind of token a route accepts. */
export type TokenKind = 'record_access' | 'record_ingest' | 'admin' | 'officer' | 'stats_access';

/** Every token kind, in no order that matters. */
export const TOKEN_KINDS: readonly TokenKind[] = ['record_access', 'record_ingest', 'admin', 'officer', 'stats_access'];

/** The scope a privacy officer's administration token carries. */
export const ADMIN_SCOPE = 'admin';

/** The scope an officer's sign-in token (the viewer's popup) carries. */
export const OFFICER_SCOPE = 'officer';

/** What the rule reads of a verified token: its scope and its `authorization_details` (RFC 9396). */
export interface KindToken {
  readonly scope?: string;
  readonly authorization_details?: readonly GrantedDetail[];
}

/** A token of the kind asked for, with the detail that kind is served under. */
export type AccessKindGranted =
  | { readonly ok: true; readonly kind: 'record_access'; readonly recordAccess: GrantedRecordAccess }
  | { readonly ok: true; readonly kind: 'record_ingest'; readonly recordIngest: GrantedRecordIngest }
  | { readonly ok: true; readonly kind: 'admin' }
  | { readonly ok: true; readonly kind: 'officer' }
  | { readonly ok: true; readonly kind: 'stats_access'; readonly statsAccess: GrantedStatsAccess };

/** A token that is not of the kind the route accepts: refused as `insufficient_scope` (403); `reason` is for the log only. */
export interface AccessKindRefused {
  readonly ok: false;
  readonly reason: string;
}

/** The decision for one token kind (narrowed by `kind` when granted). */
export type AccessKindDecision<K extends TokenKind = TokenKind> = Extract<AccessKindGranted, { readonly kind: K }> | AccessKindRefused;

/** The first detail of `type` the token carries (a token carries at most one of each type). */
function detailOf<T extends GrantedDetail['type']>(token: KindToken, type: T): Extract<GrantedDetail, { type: T }> | undefined {
  return token.authorization_details?.find((d): d is Extract<GrantedDetail, { type: T }> => d.type === type);
}

/**
 * Whether `token`, held by a client of kind `clientKind` as registered now, is of the kind `kind` a
 * route accepts:
 *
 * | kind | the token must carry | the client must be |
 * | --- | --- | --- |
 * | `record_access` (partner system, officer's viewer) | a `record_access` detail | (any: `decideTokenUse` judges it against the grant) |
 * | `record_ingest` (data owner) | a `record_ingest` detail | `data_owner` |
 * | `admin` (privacy officer) | scope {@link ADMIN_SCOPE} | `privacy_officer` |
 * | `officer` (viewer sign-in) | scope {@link OFFICER_SCOPE} | `officer` |
 * | `stats_access` (statistics) | a `stats_access` detail | `partner` |
 *
 * Ask it only once the token is usable now (`decideTokenUse`): it judges the kind, not the standing.
 *
 * @example decideAccessKind('admin', { scope: 'admin' }, 'privacy_officer') // { ok: true, kind: 'admin' }
 */
export function decideAccessKind<K extends TokenKind>(kind: K, token: KindToken, clientKind: ClientKind): AccessKindDecision<K>;
export function decideAccessKind(kind: TokenKind, token: KindToken, clientKind: ClientKind): AccessKindDecision {
  switch (kind) {
    case 'record_access': {
      const recordAccess = detailOf(token, 'record_access');
      return recordAccess === undefined ? refuse('not a record-access token') : { ok: true, kind, recordAccess };
    }
    case 'record_ingest': {
      const recordIngest = detailOf(token, 'record_ingest');
      return recordIngest === undefined || clientKind !== 'data_owner' ? refuse('not an ingest token') : { ok: true, kind, recordIngest };
    }
    case 'admin':
      return token.scope !== ADMIN_SCOPE || clientKind !== 'privacy_officer' ? refuse('not an admin token') : { ok: true, kind };
    case 'officer':
      return token.scope !== OFFICER_SCOPE || clientKind !== 'officer' ? refuse('not an officer token') : { ok: true, kind };
    case 'stats_access': {
      const statsAccess = detailOf(token, 'stats_access');
      return statsAccess === undefined || clientKind !== 'partner' ? refuse('not a statistics token') : { ok: true, kind, statsAccess };
    }
  }
}

const refuse = (reason: string): AccessKindRefused => ({ ok: false, reason });
