import type { ClientKind, Grant, GrantedRecordAccess, GrantedRecordIngest, GrantedStatsAccess, Purpose, RecordAccessNow, TokenKind } from '@need2know/policy';
import type { JWK } from 'jose';
import type { RecordRow } from '../../store/d1/records.js';
import type { AccessTokenClaims } from '../oauth/access-token.js';
import type { HeldProof } from './held-proof.js';

/** Which kind of token a route accepts (what each needs: `decideAccessKind` of `@need2know/policy`). */
export type { TokenKind } from '@need2know/policy';

/** What every protected route knows about its caller once the token and proof are verified. */
interface CallerIdentity {
  readonly clientId: string;
  readonly clientKind: ClientKind;
  readonly agencyId: string;
  readonly claims: AccessTokenClaims;
  /** `jti` of this request's DPoP proof: binds a disclosure to the request it answers. */
  readonly dpopJti: string;
  /** The client's registered encryption key (deliveries are sealed to it). */
  readonly encryptionJwk: JWK | null;
}

/** A partner's or officer's `record_access` token, usable now (see `decideTokenUse`). */
export interface RecordAccess extends CallerIdentity {
  readonly kind: 'record_access';
  /** The purpose and grant the token is for, and the subset of them it was issued for. */
  readonly recordAccess: GrantedRecordAccess;
  /** What the token allows now (actions, fields and modes, records), decided by `decideTokenUse`. */
  readonly recordNow: RecordAccessNow;
  /** The live grant and the purpose as they stand now (the same as in `recordNow`). */
  readonly grant: Grant;
  readonly purpose: Purpose;
  /**
   * The request's DPoP proof, held for the route's log call to spend (see `held-proof.ts`); null when
   * it was spent before the route ran.
   */
  readonly proof: HeldProof | null;
}

/** A data owner's `record_ingest` token. */
export interface IngestAccess extends CallerIdentity {
  readonly kind: 'record_ingest';
  /** The record types it may ingest. */
  readonly recordIngest: GrantedRecordIngest;
}

/** A privacy officer's administration token. */
export interface AdminAccess extends CallerIdentity {
  readonly kind: 'admin';
}

/** An officer's sign-in token (the viewer's popup). */
export interface OfficerAccess extends CallerIdentity {
  readonly kind: 'officer';
}

/** An agency's `stats_access` token. */
export interface StatsAccess extends CallerIdentity {
  readonly kind: 'stats_access';
  /** The statistics grant and tables the token was issued for (the route re-checks the grant). */
  readonly statsAccess: GrantedStatsAccess;
}

/** The verified access of a protected request, by token kind. */
export type Access = RecordAccess | IngestAccess | AdminAccess | OfficerAccess | StatsAccess;

/** The access of token kind `K`. */
export type AccessOf<K extends TokenKind> = Extract<Access, { readonly kind: K }>;

/** Which record a fetch names (from its path), read together with the caller's checks. */
export interface RecordNamed {
  readonly type: string;
  readonly id: string;
}

/** A record access whose route's record was read with the caller's checks. */
export interface RecordAccessWithRead extends RecordAccess {
  /**
   * The current version of the record the request names, as read with the caller's checks: none when
   * it is missing, outside the grant, or a sensitive case (see `openNamedRecord`).
   */
  readonly named: { readonly record: RecordNamed; readonly rows: readonly RecordRow[] };
}
