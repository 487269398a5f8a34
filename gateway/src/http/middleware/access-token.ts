import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { GatewayEnv } from '../../platform/env.js';
import { invalidDpopProof, invalidToken, noCredentials } from '../../platform/errors/access-refusals.js';
import type { Access, AccessOf, RecordAccessWithRead, RecordNamed, TokenKind } from '../../services/access/access.js';
import { holdProof, settleHeldProof, type VerifiedProof } from '../../services/access/held-proof.js';
import { verifyAccess } from '../../services/access/verify-access.js';
import { identifiers, verifyAccessToken } from '../../services/oauth/access-token.js';
import { dpopHeaderValues, DpopError, verifyDpopProof } from '../../services/oauth/dpop.js';
import { issuerOf } from '../../services/stores.js';
import type { AppEnv } from '../app-env.js';

/** The Hono env of a route behind {@link requireAccessToken}: `c.var.access` is the access of its token kind. */
export interface AccessEnv<A extends Access> {
  Bindings: GatewayEnv;
  Variables: { now: number; requestHash: string; access: A };
}

/** Options of {@link requireAccessToken}. */
export interface AccessTokenOptions {
  /**
   * Spend the DPoP proof in the route's own call to the log, atomically with the request's count and
   * log entry (`admitAndRecord` with `access.proof`), rather than in a separate replay-guard call
   * before the route runs: one Durable Object call fewer per answer. Whatever the route does, the
   * proof is spent before any answer leaves — a route that answers without its log call (a refusal)
   * has it spent here afterwards — and a replayed proof turns any answer into 401. Only for routes
   * whose side effects all happen in that log call.
   */
  readonly spendProofWithLog?: boolean;
}

/** Options of a record route that reads the record its path names together with the caller's checks. */
export interface NamedRecordOptions extends AccessTokenOptions {
  /**
   * The record the request names, read in the same D1 batch as the caller's checks so that a fetch
   * costs one round trip to D1 rather than two (`access.named`). Taken from the request before it is
   * validated; the rows are only used once every check has passed.
   */
  readonly namedRecord: (c: Context<AppEnv>) => RecordNamed;
}

/**
 * Protects a route: requires a DPoP-bound access token (RFC 9449 §7) of the gateway, of the given
 * kind, usable now by `decideTokenUse` (not revoked, from an active client, and — for record access —
 * under a live grant and a purpose that still allows the agency something of what the token names).
 * Revocation, client, grant and purpose are read on every request, so revoking, suspending or
 * narrowing takes effect at once. Sets `c.var.access`, typed by the kind.
 */
export function requireAccessToken(kind: 'record_access', options: NamedRecordOptions): MiddlewareHandler<AccessEnv<RecordAccessWithRead>>;
export function requireAccessToken<K extends TokenKind>(kind: K, options?: AccessTokenOptions): MiddlewareHandler<AccessEnv<AccessOf<K>>>;
export function requireAccessToken(kind: TokenKind, options: AccessTokenOptions & Partial<NamedRecordOptions> = {}): MiddlewareHandler {
  const { spendProofWithLog, namedRecord } = options;
  return createMiddleware<AppEnv>(async function accessToken(c, next) {
    const now = c.var.now;
    const authorization = c.req.header('authorization');
    if (authorization === undefined) throw noCredentials();
    const match = /^DPoP ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization);
    if (match === null) throw invalidToken(authorization.startsWith('Bearer ') ? 'bearer scheme used for a DPoP-bound token' : 'no DPoP authorization');
    const token = match[1] as string;

    const claims = await verifyAccessToken(c.var.stores, issuerOf(c.env, c.var.stores), token, now);
    if (claims === null) throw invalidToken('signature, type or claims rejected');

    const proof = await verifiedProof(c, token, claims.cnf.jkt, now);
    const held = spendProofWithLog === true ? holdProof(proof) : null;
    const verify = () =>
      namedRecord === undefined
        ? verifyAccess(c.var.stores, { kind, claims, proof, now, held })
        : verifyAccess(c.var.stores, { kind: 'record_access', claims, proof, now, held }, namedRecord(c));
    if (held === null) {
      c.set('access', await verify());
      return next();
    }
    // The route spends the proof with its log entry; whatever happened, it is spent before the answer leaves.
    let failure: unknown;
    try {
      c.set('access', await verify());
      await next();
    } catch (err) {
      failure = err;
    }
    await settleHeldProof(c.var.stores, held, now);
    if (failure !== undefined) throw failure;
  });
}

/** The request's DPoP proof, verified against the request, the token and its key (RFC 9449 §4.3); refused with 401 otherwise. */
async function verifiedProof(c: Context<AppEnv>, accessToken: string, expectedJkt: string, now: number): Promise<VerifiedProof> {
  const htu = `${identifiers(c.env).issuer}${new URL(c.req.url).pathname}`;
  try {
    return await verifyDpopProof(dpopHeaderValues(c.req.raw.headers), { method: c.req.method, url: htu }, now, { accessToken, expectedJkt });
  } catch (err) {
    if (!(err instanceof DpopError)) throw err;
    throw invalidDpopProof(err.reason);
  }
}
