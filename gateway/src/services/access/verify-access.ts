import { decideTokenUse, hiddenFor, type ClientKind, type GrantedRecordAccess, type GrantedRecordIngest, type GrantedStatsAccess } from '@need2know/policy';
import type { JWK } from 'jose';
import type { GatewayEnv } from '../../platform/env.js';
import { insufficientScope, invalidToken, proofReplayed } from '../../platform/errors/access-refusals.js';
import { selectClientStanding } from '../../store/d1/clients.js';
import { grantFromRow, selectGrant } from '../../store/d1/grants.js';
import { purposeFromRow, selectPurpose } from '../../store/d1/purposes.js';
import { recordRowsFrom, selectCurrentRecords } from '../../store/d1/records.js';
import { selectRevocation } from '../../store/d1/revocations.js';
import { spendNonces, type ReplayGuards } from '../../store/objects/replay-guard/spend.js';
import type { AccessTokenClaims } from '../oauth/access-token.js';
import { ADMIN_SCOPE, OFFICER_SCOPE } from '../oauth/token-service.js';
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

/** What the access check needs of the Worker's bindings: the registry (D1) and the replay guards. */
export type AccessStores = Pick<GatewayEnv, 'DB'> & ReplayGuards;

/** An id no record can have (ids start with a letter or digit): what is read when the grant does not cover the record named. */
const NO_RECORD = '';

/**
 * Decides whether the caller may use the token now, for a route accepting `check.kind`, and returns
 * what the route knows of it. One round trip to D1 reads everything (revocation, client, grant,
 * purpose, and with `named` the record a fetch names); the proof's `jti` is spent at the same time —
 * it is single-use whatever the outcome — unless it is held for the route's log call. Whether the
 * token is usable is `decideTokenUse`, the rule introspection asks too. Throws the refusal (401 or
 * 403) otherwise.
 */
export async function verifyAccess(env: AccessStores, check: AccessCheck<'record_access'>, named: RecordNamed): Promise<RecordAccessWithRead>;
export async function verifyAccess<K extends TokenKind>(env: AccessStores, check: AccessCheck<K>): Promise<AccessOf<K>>;
export async function verifyAccess(env: AccessStores, check: AccessCheck<TokenKind>, named?: RecordNamed): Promise<Access> {
  const { kind, claims, proof, now } = check;
  const details = claims.authorization_details ?? [];
  const recordAccess = details.find((d): d is GrantedRecordAccess => d.type === 'record_access');
  const recordIngest = details.find((d): d is GrantedRecordIngest => d.type === 'record_ingest');
  const statsAccess = details.find((d): d is GrantedStatsAccess => d.type === 'stats_access');
  const { held } = check;
  const db = env.DB;
  const [[revoked, client, grant, purpose, record], replayed] = await Promise.all([
    db.batch<Record<string, unknown>>([
      selectRevocation(db, claims.jti),
      selectClientStanding(db, claims.client_id),
      selectGrant(db, recordAccess?.grant ?? ''),
      selectPurpose(db, recordAccess?.purpose ?? ''),
      ...(named === undefined ? [] : [namedRecordStatement(db, recordAccess, named)]),
    ]),
    held === null ? spendNonces(env, `dpop:${proof.jkt}`, [{ key: proof.jti, expiresAt: proof.replayUntil }], now) : null,
  ]);
  if (replayed !== null) throw proofReplayed();
  const clientRow = client?.results[0] as { kind: ClientKind; agency_id: string; status: string; encryption_jwk: string | null } | undefined;
  const grantRow = grant?.results[0];
  const purposeRow = purpose?.results[0];
  // One rule, shared with introspection: the token is judged against the client, grant and purpose as they are now.
  const use = decideTokenUse(
    recordAccess,
    {
      revoked: (revoked?.results.length ?? 0) > 0,
      client: clientRow === undefined ? null : { kind: clientRow.kind, agencyId: clientRow.agency_id, status: clientRow.status },
      grant: grantRow === undefined ? null : grantFromRow(grantRow),
      purpose: purposeRow === undefined ? null : purposeFromRow(purposeRow),
    },
    now,
  );
  if (!use.usable) throw use.code === 'invalid_token' ? invalidToken(use.reason) : insufficientScope(use.reason);
  if (clientRow === undefined) throw invalidToken('client unknown');

  const identity = {
    clientId: claims.client_id,
    clientKind: clientRow.kind,
    agencyId: clientRow.agency_id,
    claims,
    dpopJti: proof.jti,
    encryptionJwk: clientRow.encryption_jwk === null ? null : (JSON.parse(clientRow.encryption_jwk) as JWK),
  };
  switch (kind) {
    case 'record_access': {
      const recordNow = use.recordAccess;
      if (recordAccess === undefined || recordNow === undefined) throw insufficientScope('not a record-access token');
      const access: RecordAccess = { kind, ...identity, recordAccess, recordNow, grant: recordNow.grant, purpose: recordNow.purpose, proof: held };
      if (named === undefined) return access;
      const withRead: RecordAccessWithRead = { ...access, named: { record: named, rows: recordRowsFrom(record) } };
      return withRead;
    }
    case 'record_ingest':
      if (recordIngest === undefined || clientRow.kind !== 'data_owner') throw insufficientScope('not an ingest token');
      return { kind, ...identity, recordIngest };
    case 'admin':
      if (claims.scope !== ADMIN_SCOPE || clientRow.kind !== 'privacy_officer') throw insufficientScope('not an admin token');
      return { kind, ...identity };
    case 'officer':
      if (claims.scope !== OFFICER_SCOPE || clientRow.kind !== 'officer') throw insufficientScope('not an officer token');
      return { kind, ...identity };
    case 'stats_access':
      if (statsAccess === undefined || clientRow.kind !== 'partner') throw insufficientScope('not a statistics token');
      return { kind, ...identity, statsAccess };
  }
}

/**
 * The record a fetch names, read in the same D1 round trip as the caller's checks. A record the
 * token's grant does not cover is never read: the statement asks for {@link NO_RECORD} instead, so
 * it costs exactly what a missing record costs — same statement, one index probe, no row, nothing
 * to open — and neither the answer nor its timing tells whether it exists. A case marked sensitive
 * is left out by the same statement (the grant is not known yet, so always): it too costs what a
 * missing record costs; `openNamedRecord` reads it again only for a grant leadership approved for it.
 */
function namedRecordStatement(db: D1Database, granted: GrantedRecordAccess | undefined, { type, id }: RecordNamed): D1PreparedStatement {
  const covered = granted?.record_types.includes(type) === true && inGrantRecords(granted, id);
  return selectCurrentRecords(db, type, [covered ? id : NO_RECORD], hiddenFor(type, null));
}
