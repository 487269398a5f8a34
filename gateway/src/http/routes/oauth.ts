import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { CLOCK_TOLERANCE } from '../../platform/config.js';
import { spendNonces } from '../../store/objects/replay-guard/spend.js';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import { auditLog } from '../../services/access/audit.js';
import { subjectHashes } from '../../services/access/subjects.js';
import { keyRing } from '../../services/keys/key-ring.js';
import { verifyAccessToken } from '../../services/oauth/access-token.js';
import { authenticateClient } from '../../services/oauth/client-auth.js';
import { dpopHeaderValues } from '../../services/oauth/dpop.js';
import { readOAuthForm } from '../../services/oauth/form.js';
import { logTokenRefusal } from '../../services/oauth/refusal-log.js';
import { issueToken } from '../../services/oauth/token-service.js';
import type { GrantedRecordAccess, GrantedStatsAccess } from '@need2know/policy';
import { issuedEntry } from '@need2know/policy';
import { decideTokenUse, detailNow } from '@need2know/policy';
import { getStatsGrant } from '../../store/d1/stats/grants.js';
import { grantIsLive } from '@need2know/policy';
import { getGrant } from '../../store/d1/grants.js';
import { getClient } from '../../store/d1/clients.js';
import { getPurpose } from '../../store/d1/purposes.js';
import { insertRevocation, isRevoked } from '../../store/d1/revocations.js';

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** Refusals at the OAuth endpoints are RFC 6749 §5.2 documents, never problem documents. */
function oauthFailure(err: unknown): Response {
  if (err instanceof OAuthError) {
    console.warn(`oauth refused: ${err.code}: ${err.reason}`);
    return err.toResponse();
  }
  console.error('oauth endpoint failed', err);
  return new OAuthError('server_error', 'unexpected').toResponse();
}

/** Authenticates the caller of introspection or revocation and spends its assertion. */
async function authenticateCaller(c: { env: AppEnv['Bindings']; var: { now: number } }, form: Map<string, string>, endpoint: string) {
  const { client, jti, exp } = await authenticateClient(c.env, form, endpoint, c.var.now);
  const replayed = await spendNonces(c.env, `client:${client.id}`, [{ key: `assertion:${jti}`, expiresAt: exp + CLOCK_TOLERANCE }], c.var.now);
  if (replayed !== null) throw new OAuthError('invalid_client', 'assertion jti replayed');
  return client;
}

/** `POST /oauth/token`, `/oauth/introspect` (RFC 7662), `/oauth/revoke` (RFC 7009). */
export const oauthRoutes = new Hono<AppEnv>()
  .post('/token', async (c) => {
    let form: Map<string, string> | undefined;
    try {
      form = await readOAuthForm(c.req.raw);
      const issued = await issueToken(c.env, form, dpopHeaderValues(c.req.raw.headers), c.var.now);
      // Fail-closed: a token whose issuance cannot be logged is not handed out.
      const ring = await keyRing(c.env);
      const entry = issuedEntry(
        { at: c.var.now, client: issued.clientId, jti: issued.jti, expiresIn: issued.response.expires_in, scope: issued.response.scope ?? null, details: issued.response.authorization_details ?? null },
        (ids) => subjectHashes(ring, ids),
      );
      await auditLog(c.env).append([entry]);
      return c.json(issued.response, 200, noStore);
    } catch (err) {
      // Only validated, bounded values are logged, and only so many per source (refusal-log.ts).
      if (err instanceof OAuthError) await logTokenRefusal(c.env, c.req.raw, form, err, c.var.now);
      return oauthFailure(err);
    }
  })
  .post('/introspect', async (c) => {
    try {
      const form = await readOAuthForm(c.req.raw);
      // Check the request is well formed before spending the caller's assertion.
      const token = form.get('token');
      if (token === undefined) throw new OAuthError('invalid_request', 'token missing');
      const caller = await authenticateCaller(c, form, '/oauth/introspect');
      const inactive = c.json({ active: false }, 200, noStore);
      const claims = await verifyAccessToken(c.env, token, c.var.now);
      // A client may introspect only its own tokens; privacy officers may introspect any.
      if (claims === null || (claims.client_id !== caller.id && caller.kind !== 'privacy_officer')) return inactive;
      // The same rule as every resource route (`decideTokenUse`), against the state now.
      const db = c.env.DB;
      const recordAccess = claims.authorization_details?.find((d): d is GrantedRecordAccess => d.type === 'record_access');
      const statsAccess = claims.authorization_details?.find((d): d is GrantedStatsAccess => d.type === 'stats_access');
      const [revoked, owner, grant, purpose, statsGrant] = await Promise.all([
        isRevoked(db, claims.jti),
        getClient(db, claims.client_id),
        recordAccess === undefined ? null : getGrant(db, recordAccess.grant),
        recordAccess === undefined ? null : getPurpose(db, recordAccess.purpose),
        statsAccess === undefined ? null : getStatsGrant(db, statsAccess.grant),
      ]);
      const use = decideTokenUse(recordAccess, { revoked, client: owner, grant, purpose }, c.var.now);
      if (!use.usable) return inactive;
      // A statistics token is usable while its statistics grant is live for the agency (as its route checks).
      if (statsAccess !== undefined && (statsGrant === null || statsGrant.agencyId !== owner?.agencyId || !grantIsLive(statsGrant, c.var.now))) return inactive;
      // Report what the token allows now, not what it was issued for.
      const details = claims.authorization_details?.map((d) => (d.type === 'record_access' && use.recordAccess !== undefined ? detailNow(d, use.recordAccess) : d));
      return c.json(
        {
          active: true,
          token_type: 'DPoP',
          iss: claims.iss,
          aud: claims.aud,
          sub: claims.sub,
          client_id: claims.client_id,
          agency: claims.agency,
          iat: claims.iat,
          exp: claims.exp,
          jti: claims.jti,
          cnf: claims.cnf,
          ...(claims.scope === undefined ? {} : { scope: claims.scope }),
          ...(details === undefined ? {} : { authorization_details: details }),
          ...(claims.purpose === undefined ? {} : { purpose: claims.purpose, grant: claims.grant }),
        },
        200,
        noStore,
      );
    } catch (err) {
      return oauthFailure(err);
    }
  })
  .post('/revoke', async (c) => {
    try {
      const form = await readOAuthForm(c.req.raw);
      // Check the request is well formed before spending the caller's assertion.
      const token = form.get('token');
      if (token === undefined) throw new OAuthError('invalid_request', 'token missing');
      const caller = await authenticateCaller(c, form, '/oauth/revoke');
      const claims = await verifyAccessToken(c.env, token, c.var.now);
      // RFC 7009 §2.2: invalid tokens, and tokens of other clients, get the same 200 answer.
      if (claims !== null && (claims.client_id === caller.id || caller.kind === 'privacy_officer')) {
        await insertRevocation(c.env.DB, claims.jti, claims.client_id, c.var.now, claims.exp).run();
      }
      return c.body(null, 200, noStore);
    } catch (err) {
      return oauthFailure(err);
    }
  });
