import { decideAccessKind, decideTokenUse, hiddenFor, type GrantedRecordAccess } from '@need2know/policy';
import { insufficientScope, invalidToken, proofReplayed } from '../../platform/errors/access-refusals.js';
import type { NamedRecordRead } from '../../store/ports/access.js';
import type { Stores } from '../../store/ports/index.js';
import type { AccessTokenClaims } from '../oauth/access-token.js';
import type { Access, AccessOf, RecordAccess, RecordAccessWithRead, RecordNamed, TokenKind } from './access.js';
import type { HeldProof, VerifiedProof } from './held-proof.js';
import { inGrantRecords } from './scope.js';

/** What the access check of one request reads. */
export interface AccessCheck<K extends TokenKind> {
  readonly kind: K;
  /** The access token's claims (signature, type and times already verified). */
  readonly claims: AccessTokenClaims;
  /** The request's DPoP proof (already verified against the token and the request). */
  readonly proof: VerifiedProof;
  /** The request's clock reading (Unix seconds). */
  readonly now: number;
  /** The proof held for the route's log call (see `held-proof.ts`); null: it is spent here, with the checks. */
  readonly held: HeldProof | null;
}

/** What the access check reads and spends: the caller's standing (one round trip) and the replay guards. */
export type AccessStores = Pick<Stores, 'access' | 'replayGuard'>;

/**
 * Decides whether the caller may use the token now, for a route accepting `check.kind`, and returns
 * what the route knows of it. One round trip to storage (`AccessStore.standing`) reads everything (revocation, client, grant,
 * purpose, and with `named` the record a fetch names); the proof's `jti` is spent at the same time —
 * it is single-use whatever the outcome — unless it is held for the route's log call. Whether the
 * token is usable is `decideTokenUse`, the rule introspection asks too. Throws the refusal (401 or
 * 403) otherwise.
 */
export async function verifyAccess(stores: AccessStores, check: AccessCheck<'record_access'>, named: RecordNamed): Promise<RecordAccessWithRead>;
export async function verifyAccess<K extends TokenKind>(stores: AccessStores, check: AccessCheck<K>): Promise<AccessOf<K>>;
export async function verifyAccess(stores: AccessStores, check: AccessCheck<TokenKind>, named?: RecordNamed): Promise<Access> {
  const { kind, claims, proof, now } = check;
  const details = claims.authorization_details ?? [];
  const recordAccess = details.find((d): d is GrantedRecordAccess => d.type === 'record_access');
  const { held } = check;
  const [standing, replayed] = await Promise.all([
    stores.access.standing({
      tokenId: claims.jti,
      clientId: claims.client_id,
      grantId: recordAccess?.grant ?? null,
      purposeId: recordAccess?.purpose ?? null,
      ...(named === undefined ? {} : { record: namedRecordRead(recordAccess, named) }),
    }),
    held === null ? stores.replayGuard.spend(`dpop:${proof.jkt}`, [{ key: proof.jti, expiresAt: proof.replayUntil }], now) : null,
  ]);
  if (replayed !== null) throw proofReplayed();
  const { client } = standing;
  // One rule, shared with introspection: the token is judged against the client, grant and purpose as they are now.
  const use = decideTokenUse(
    recordAccess,
    {
      revoked: standing.revoked,
      client: client === null ? null : { kind: client.kind, agencyId: client.agencyId, status: client.status },
      grant: standing.grant,
      purpose: standing.purpose,
    },
    now,
  );
  if (!use.usable) throw use.code === 'invalid_token' ? invalidToken(use.reason) : insufficientScope(use.reason);
  if (client === null) throw invalidToken('client unknown');

  const identity = {
    clientId: claims.client_id,
    clientKind: client.kind,
    agencyId: client.agencyId,
    claims,
    dpopJti: proof.jti,
    encryptionJwk: client.encryptionJwk,
  };
  // Which token kind the route accepts, and the client kind holding it: one rule (`decideAccessKind`).
  const granted = decideAccessKind(kind, claims, client.kind);
  if (!granted.ok) throw insufficientScope(granted.reason);
  switch (granted.kind) {
    case 'record_access': {
      const recordNow = use.recordAccess;
      if (recordNow === undefined) throw insufficientScope('not a record-access token');
      const access: RecordAccess = {
        kind: granted.kind,
        ...identity,
        recordAccess: granted.recordAccess,
        recordNow,
        grant: recordNow.grant,
        purpose: recordNow.purpose,
        proof: held,
      };
      if (named === undefined) return access;
      const withRead: RecordAccessWithRead = { ...access, named: { record: named, rows: standing.record } };
      return withRead;
    }
    case 'record_ingest':
      return { kind: granted.kind, ...identity, recordIngest: granted.recordIngest };
    case 'admin':
    case 'officer':
      return { kind: granted.kind, ...identity };
    case 'stats_access':
      return { kind: granted.kind, ...identity, statsAccess: granted.statsAccess };
  }
}

/**
 * The record a fetch names, read in the same round trip as the caller's checks. A record the token's
 * grant does not cover is never read: it is asked for as null, which the store reads as an id no
 * record has, so it costs exactly what a missing record costs — same statement, one index probe, no
 * row, nothing to open — and neither the answer nor its timing tells whether it exists. A case
 * marked sensitive is left out by the same read (the grant is not known yet, so always): it too
 * costs what a missing record costs; `openNamedRecord` reads it again only for a grant leadership
 * approved for it.
 */
function namedRecordRead(granted: GrantedRecordAccess | undefined, { type, id }: RecordNamed): NamedRecordRead {
  const covered = granted?.record_types.includes(type) === true && inGrantRecords(granted, id);
  return { type, id: covered ? id : null, hide: hiddenFor(type, null) };
}
