import { decideTokenUse, detailNow, type GrantedDetail, type GrantedRecordAccess, type GrantedStatsAccess } from '@need2know/policy';
import type { Stores } from '../../store/ports/index.js';
import { statsGrantInForce } from '../stats/grant-in-force.js';
import { verifyAccessToken } from './access-token.js';
import { authenticateCaller } from './caller.js';
import type { Issuer } from './issuer.js';

/** An introspection response (RFC 7662 §2.2): inactive, or what an active token allows now. */
export type Introspection =
  | { readonly active: false }
  | {
      readonly active: true;
      readonly token_type: 'DPoP';
      readonly iss: string;
      readonly aud: string;
      readonly sub: string;
      readonly client_id: string;
      readonly agency: string;
      readonly iat: number;
      readonly exp: number;
      readonly jti: string;
      readonly cnf: { readonly jkt: string };
      readonly scope?: string;
      readonly authorization_details?: readonly GrantedDetail[];
      readonly purpose?: string;
      readonly grant?: string;
    };

const INACTIVE: Introspection = { active: false };

/**
 * `POST /oauth/introspect` (RFC 7662): authenticates the caller (spending its assertion), then reports
 * whether `token` is usable now by the same rule as every resource route (`decideTokenUse`), against
 * the state now. A client may introspect only its own tokens; privacy officers may introspect any.
 * Throws {@link OAuthError} when the caller is not authenticated.
 */
export async function introspectToken(
  stores: Pick<Stores, 'registry' | 'replayGuard' | 'signingKeys' | 'revocations' | 'grants' | 'purposes' | 'stats'>,
  gateway: Issuer,
  form: ReadonlyMap<string, string>,
  token: string,
  now: number,
): Promise<Introspection> {
  const caller = await authenticateCaller(stores, gateway.publicUrl, form, '/oauth/introspect', now);
  const claims = await verifyAccessToken(stores, gateway, token, now);
  if (claims === null || (claims.client_id !== caller.id && caller.kind !== 'privacy_officer')) return INACTIVE;
  const recordAccess = claims.authorization_details?.find((d): d is GrantedRecordAccess => d.type === 'record_access');
  const statsAccess = claims.authorization_details?.find((d): d is GrantedStatsAccess => d.type === 'stats_access');
  const [revoked, owner, grant, purpose] = await Promise.all([
    stores.revocations.isRevoked(claims.jti),
    stores.registry.getClient(claims.client_id),
    recordAccess === undefined ? null : stores.grants.getGrant(recordAccess.grant),
    recordAccess === undefined ? null : stores.purposes.getPurpose(recordAccess.purpose),
  ]);
  const use = decideTokenUse(recordAccess, { revoked, client: owner, grant, purpose }, now);
  if (!use.usable) return INACTIVE;
  // A statistics token is usable while its statistics grant is live for the agency (as its route checks).
  if (statsAccess !== undefined && (owner === null || (await statsGrantInForce(stores, statsAccess.grant, owner.agencyId, now)) === null)) return INACTIVE;
  // Report what the token allows now, not what it was issued for.
  const details = claims.authorization_details?.map((d) => (d.type === 'record_access' && use.recordAccess !== undefined ? detailNow(d, use.recordAccess) : d));
  return {
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
  };
}
