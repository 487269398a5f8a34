import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { JWK } from 'jose';
import type { AppEnv } from '../app-env.js';
import { spendNonces } from '../../store/objects/replay-guard/spend.js';
import { dpopChallenge, proofReplayed } from './challenge.js';
import { holdProof, settleProof } from './proof-with-log.js';
import { Problem } from '../../platform/errors/problem.js';
import { identifiers, verifyAccessToken, type AccessTokenClaims } from '../../services/oauth/access-token.js';
import type { GrantedRecordAccess, GrantedRecordIngest, GrantedStatsAccess } from '@need2know/policy';
import { dpopHeaderValues, DpopError, verifyDpopProof } from '../../services/oauth/dpop.js';
import { ADMIN_SCOPE, OFFICER_SCOPE } from '../../services/oauth/token-service.js';
import { decideTokenUse, type RecordAccessNow } from '@need2know/policy';
import type { ClientKind, Grant, Purpose } from '@need2know/policy';
import { purposeFromRow, selectPurpose } from '../../store/d1/purposes.js';
import { grantFromRow, selectGrant } from '../../store/d1/grants.js';
import { selectRevocation } from '../../store/d1/revocations.js';
import { selectClientStanding } from '../../store/d1/clients.js';

/** What a protected route knows about its caller once the token and proof are verified. */
export interface VerifiedAccess {
  readonly clientId: string;
  readonly clientKind: ClientKind;
  readonly agencyId: string;
  readonly claims: AccessTokenClaims;
  /** `jti` of this request's DPoP proof: binds a disclosure to the request it answers. */
  readonly dpopJti: string;
  /** The client's registered encryption key (deliveries are sealed to it). */
  readonly encryptionJwk: JWK | null;
  /** For partner tokens: the purpose and grant the token is for, and the subset of them it was issued for. */
  readonly recordAccess?: GrantedRecordAccess;
  /** For partner tokens: what the token allows now (actions, fields and modes, records), decided by `decideTokenUse`. */
  readonly recordNow?: RecordAccessNow;
  /** The live grant and the purpose as they stand now (same as in `recordNow`). */
  readonly grant?: Grant;
  readonly purpose?: Purpose;
  /** For data-owner tokens: the record types it may ingest. */
  readonly recordIngest?: GrantedRecordIngest;
  /** For statistics tokens: the statistics grant and tables (the route re-checks the grant). */
  readonly statsAccess?: GrantedStatsAccess;
  /** Results of the route's own reads made alongside the caller's checks (see {@link AccessTokenOptions}), in order. */
  readonly alongside: readonly D1Result<Record<string, unknown>>[];
}

/** Options of {@link requireAccessToken}. */
export interface AccessTokenOptions {
  /**
   * Reads the route will need, run in the same D1 batch as the caller's own checks so that a
   * request costs one round trip to D1 rather than two. Built from the verified token (signature
   * and proof already checked); the results are only used once every check has passed.
   */
  readonly alongside?: (c: Context<AppEnv>, claims: AccessTokenClaims) => D1PreparedStatement[];
  /**
   * Spend the DPoP proof in the route's own call to the log, atomically with the request's count and
   * log entry (`admitAndRecord` with `proofToSpend(c)`), rather than in a separate replay-guard call
   * before the route runs: one Durable Object call fewer per answer. Whatever the route does, the
   * proof is spent before any answer leaves — a route that answers without its log call (a refusal)
   * has it spent here afterwards — and a replayed proof turns any answer into 401. Only for routes
   * whose side effects all happen in that log call.
   */
  readonly spendProofWithLog?: boolean;
}

/** Which kind of token a route accepts. */
export type TokenKind = 'record_access' | 'record_ingest' | 'admin' | 'officer' | 'stats_access';

const invalidToken = (reason: string) => {
  // The precise reason is for the gateway's logs; the wire says only invalid_token.
  console.warn(`access refused: ${reason}`);
  return new Problem(401, 'invalid_token', undefined, { headers: { 'www-authenticate': dpopChallenge('invalid_token') } });
};

/** A request with no credentials at all: the challenge names the scheme and no error (RFC 6750 §3.1, RFC 9449 §7.1). */
const noCredentials = () => {
  console.warn('access refused: no Authorization header');
  return new Problem(401, 'invalid_token', undefined, { headers: { 'www-authenticate': dpopChallenge(null) } });
};

/**
 * Protects a route: requires a DPoP-bound access token (RFC 9449 §7) of the gateway, of the given
 * kind, usable now by `decideTokenUse` (not revoked, from an active client, and — for record access —
 * under a live grant and a purpose that still allows the agency something of what the token names).
 * Revocation, client, grant and purpose are read on every request, so revoking, suspending or
 * narrowing takes effect at once. Sets `c.var.access`.
 */
export function requireAccessToken(kind: TokenKind, { alongside, spendProofWithLog }: AccessTokenOptions = {}) {
  return createMiddleware<AppEnv>(async function accessToken(c, next) {
    const now = c.var.now;
    const authorization = c.req.header('authorization');
    if (authorization === undefined) throw noCredentials();
    const match = /^DPoP ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization);
    if (match === null) throw invalidToken(authorization.startsWith('Bearer ') ? 'bearer scheme used for a DPoP-bound token' : 'no DPoP authorization');
    const token = match[1] as string;

    const claims = await verifyAccessToken(c.env, token, now);
    if (claims === null) throw invalidToken('signature, type or claims rejected');

    const url = new URL(c.req.url);
    const htu = `${identifiers(c.env).issuer}${url.pathname}`;
    let dpop;
    try {
      dpop = await verifyDpopProof(dpopHeaderValues(c.req.raw.headers), { method: c.req.method, url: htu }, now, {
        accessToken: token,
        expectedJkt: claims.cnf.jkt,
      });
    } catch (err) {
      if (!(err instanceof DpopError)) throw err;
      console.warn(`dpop refused: ${err.reason}`);
      throw new Problem(401, 'invalid_dpop_proof', undefined, { headers: { 'www-authenticate': dpopChallenge('invalid_dpop_proof') } });
    }

    const held = spendProofWithLog === true ? holdProof(c, { key: `dpop:${dpop.jkt}:${dpop.jti}`, expiresAt: dpop.replayUntil }) : undefined;

    /** Reads and checks everything about the caller, then sets `c.var.access`. */
    const checkCaller = async (): Promise<void> => {
      const recordAccess = claims.authorization_details?.find((d): d is GrantedRecordAccess => d.type === 'record_access');
      const recordIngest = claims.authorization_details?.find((d): d is GrantedRecordIngest => d.type === 'record_ingest');
      const statsAccess = claims.authorization_details?.find((d): d is GrantedStatsAccess => d.type === 'stats_access');
      const db = c.env.DB;
      // One round trip for everything a request needs to know about its caller.
      // The proof's jti is spent at the same time (it is single-use whatever the outcome) unless the
      // route spends it with its log entry: the token and proof are already verified, so the two
      // lookups are independent.
      const [[revoked, client, grant, purpose, ...routeReads], replayed] = await Promise.all([
        db.batch<Record<string, unknown>>([
          selectRevocation(db, claims.jti),
          selectClientStanding(db, claims.client_id),
          selectGrant(db, recordAccess?.grant ?? ''),
          selectPurpose(db, recordAccess?.purpose ?? ''),
          ...(alongside?.(c, claims) ?? []),
        ]),
        held === undefined ? spendNonces(c.env, `dpop:${dpop.jkt}`, [{ key: dpop.jti, expiresAt: dpop.replayUntil }], now) : null,
      ]);
      if (replayed !== null) throw proofReplayed();
      const clientRow = client?.results[0] as { kind: ClientKind; agency_id: string; status: string; encryption_jwk: string | null } | undefined;
      const grantRow = grant?.results[0];
      const purposeRow = purpose?.results[0];
      // One rule, shared with introspection: the token is judged against the client, grant and purpose as they are now.
      const use = decideTokenUse(recordAccess, {
        revoked: (revoked?.results.length ?? 0) > 0,
        client: clientRow === undefined ? null : { kind: clientRow.kind, agencyId: clientRow.agency_id, status: clientRow.status },
        grant: grantRow === undefined ? null : grantFromRow(grantRow),
        purpose: purposeRow === undefined ? null : purposeFromRow(purposeRow),
      }, now);
      if (!use.usable) throw use.code === 'invalid_token' ? invalidToken(use.reason) : insufficient(use.reason);
      if (clientRow === undefined) throw invalidToken('client unknown');

      let recordNow: RecordAccessNow | undefined;
      switch (kind) {
        case 'record_access': {
          if (recordAccess === undefined || use.recordAccess === undefined) throw insufficient('not a record-access token');
          recordNow = use.recordAccess;
          break;
        }
        case 'record_ingest':
          if (recordIngest === undefined || clientRow.kind !== 'data_owner') throw insufficient('not an ingest token');
          break;
        case 'admin':
          if (claims.scope !== ADMIN_SCOPE || clientRow.kind !== 'privacy_officer') throw insufficient('not an admin token');
          break;
        case 'officer':
          if (claims.scope !== OFFICER_SCOPE || clientRow.kind !== 'officer') throw insufficient('not an officer token');
          break;
        case 'stats_access':
          if (statsAccess === undefined || clientRow.kind !== 'partner') throw insufficient('not a statistics token');
          break;
      }

      c.set('access', {
        clientId: claims.client_id,
        clientKind: clientRow.kind,
        agencyId: clientRow.agency_id,
        claims,
        dpopJti: dpop.jti,
        encryptionJwk: clientRow.encryption_jwk === null ? null : (JSON.parse(clientRow.encryption_jwk) as JWK),
        ...(recordAccess === undefined ? {} : { recordAccess }),
        ...(recordNow === undefined ? {} : { recordNow, grant: recordNow.grant, purpose: recordNow.purpose }),
        ...(recordIngest === undefined ? {} : { recordIngest }),
        ...(statsAccess === undefined ? {} : { statsAccess }),
        alongside: routeReads,
      });
    };

    if (held === undefined) {
      await checkCaller();
      return next();
    }
    // The route spends the proof with its log entry; whatever happened, it is spent before the answer leaves.
    let failure: unknown;
    try {
      await checkCaller();
      await next();
    } catch (err) {
      failure = err;
    }
    await settleProof(c, held, now);
    if (failure !== undefined) throw failure;
  });
}

function insufficient(reason: string): Problem {
  console.warn(`access refused: ${reason}`);
  return new Problem(403, 'insufficient_scope', undefined, { headers: { 'www-authenticate': dpopChallenge('insufficient_scope') } });
}
