/**
 * What the access check of every protected request reads of storage: the caller's standing now
 * (revocation, client, grant, purpose) and, on a fetch, the record its path names — all in one
 * round trip, since it is paid on every request.
 */
import type { ClientKind, Grant, HiddenMark, Purpose } from '@need2know/policy';
import type { JWK } from 'jose';
import type { RecordRow } from './record-versions.js';

/** The record a fetch names, read with the caller's standing. */
export interface NamedRecordRead {
  readonly type: string;
  /**
   * The record's id; null for one the caller may not see (outside its grant). A null is read as an id
   * no record has, in the same statement: it costs exactly what a missing record costs, so neither
   * the answer nor its timing tells whether the record exists.
   */
  readonly id: string | null;
  /** Records of `type` carrying this mark in clear are left out by the read itself (at the cost of a missing one); null: none. */
  readonly hide: HiddenMark | null;
}

/** What one request asks about its caller. */
export interface StandingRead {
  /** The access token's `jti`: is it revoked? */
  readonly tokenId: string;
  /** The client the token was issued to. */
  readonly clientId: string;
  /** The grant and purpose the token's `record_access` detail names; null when it names none (then none is found). */
  readonly grantId: string | null;
  readonly purposeId: string | null;
  /** The record a fetch names; absent on every other route. */
  readonly record?: NamedRecordRead;
}

/** The client behind a token as registered now: what a protected request needs of it. */
export interface CallerStanding {
  readonly kind: ClientKind;
  readonly agencyId: string;
  /** `active`, `suspended`, … (judged by `decideTokenUse`). */
  readonly status: string;
  /** The client's registered encryption key (what leaves for it is sealed to it), if any. */
  readonly encryptionJwk: JWK | null;
}

/** The caller's standing now, as read in one round trip. */
export interface Standing {
  readonly revoked: boolean;
  readonly client: CallerStanding | null;
  readonly grant: Grant | null;
  readonly purpose: Purpose | null;
  /**
   * The current, committed versions of the named record (none when it is missing, was read as null,
   * is hidden by the mark, or no record was asked).
   */
  readonly record: readonly RecordRow[];
}

/** The per-request reads of the access middleware. */
export interface AccessStore {
  /**
   * Everything in `read`, in one round trip to storage (one batch of reads on D1): a backend must not
   * split it, since every protected request pays for it. Reads only; a consistent snapshot is not
   * required (each value is judged as it stands now).
   */
  standing(read: StandingRead): Promise<Standing>;
}
