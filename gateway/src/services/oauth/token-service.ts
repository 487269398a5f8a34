import {
  ADMIN_SCOPE,
  decideRecordAccess,
  decideRecordIngest,
  decideStatsAccess,
  OFFICER_SCOPE,
  parseAuthorizationDetails,
  type GrantedDetail,
} from '@need2know/policy';
import { CLOCK_TOLERANCE, MAX_ACCESS_TOKEN_LIFETIME, MAX_AUTHORIZATION_DETAILS } from '../../platform/config.js';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import type { Stores } from '../../store/ports/index.js';
import { issueAccessToken } from './access-token.js';
import { authenticateClient } from './client-auth.js';
import { DpopError, verifyDpopProof, type VerifiedDpop } from './dpop.js';
import { identifiersOf, type Issuer } from './issuer.js';

/** The scopes a privacy officer (the administration API) and an officer's viewer (its grants, no record access) ask for: declared with the rule that serves them (`decideAccessKind`). */
export { ADMIN_SCOPE, OFFICER_SCOPE };

/** A successful token response (RFC 6749 §5.1, RFC 9449 §5, RFC 9396 §7). */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'DPoP';
  readonly expires_in: number;
  readonly authorization_details?: readonly GrantedDetail[];
  readonly scope?: string;
}

/** What the audit trail needs to know about an issued token. */
export interface IssuedToken {
  readonly response: TokenResponse;
  readonly clientId: string;
  readonly jti: string;
}

/** What the token endpoint reads and writes: clients, purposes, grants (record and statistics), replay guards, signing keys. */
export type TokenStores = Pick<Stores, 'registry' | 'purposes' | 'grants' | 'stats' | 'replayGuard' | 'signingKeys'>;

/**
 * The client-credentials grant with `private_key_jwt` and DPoP: checks everything, decides what is
 * granted, and only then spends the assertion's and the proof's `jti`s and signs — so a refused
 * request changes nothing. Throws {@link OAuthError}.
 */
export async function grantClientCredentials(
  stores: TokenStores,
  gateway: Issuer,
  form: Map<string, string>,
  dpopHeaders: readonly string[],
  now: number,
): Promise<IssuedToken> {
  const grantType = form.get('grant_type');
  if (grantType === undefined) throw new OAuthError('invalid_request', 'grant_type missing');
  if (grantType !== 'client_credentials') throw new OAuthError('unsupported_grant_type', 'only client_credentials');

  const { client, jti: assertionJti, exp: assertionExp } = await authenticateClient(stores, gateway.publicUrl, form, '/oauth/token', now);

  let dpop: VerifiedDpop;
  try {
    dpop = await verifyDpopProof(dpopHeaders, { method: 'POST', url: identifiersOf(gateway.publicUrl).tokenEndpoint }, now);
  } catch (err) {
    if (err instanceof DpopError) throw new OAuthError('invalid_dpop_proof', err.reason);
    throw err;
  }

  const scope = form.get('scope');
  const rawDetails = form.get('authorization_details');
  let details: GrantedDetail[] | undefined;
  let grantedScope: string | undefined;
  let lifetime: number;

  if (client.kind === 'privacy_officer') {
    if (rawDetails !== undefined) throw new OAuthError('invalid_authorization_details', 'privacy officers use scope=admin');
    if (scope !== ADMIN_SCOPE) throw new OAuthError('invalid_scope', 'privacy officers must ask for scope=admin');
    grantedScope = ADMIN_SCOPE;
    lifetime = MAX_ACCESS_TOKEN_LIFETIME;
  } else if (client.kind === 'officer' && scope === OFFICER_SCOPE) {
    if (rawDetails !== undefined) throw new OAuthError('invalid_authorization_details', 'scope=officer carries no authorization_details');
    grantedScope = OFFICER_SCOPE;
    lifetime = MAX_ACCESS_TOKEN_LIFETIME;
  } else {
    if (scope !== undefined && scope !== '') throw new OAuthError('invalid_scope', 'agency clients use authorization_details, not scope');
    if (rawDetails === undefined) throw new OAuthError('invalid_request', 'authorization_details missing');
    const parsed = parseAuthorizationDetails(rawDetails, MAX_AUTHORIZATION_DETAILS);
    if (!parsed.ok) throw new OAuthError('invalid_authorization_details', parsed.reason);
    const request = parsed.details[0];
    if (request === undefined) throw new OAuthError('invalid_authorization_details', 'no entry');
    const tokenClient = { id: client.id, kind: client.kind, agencyId: client.agencyId, ingestTypes: client.ingestTypes };
    const decision =
      request.type === 'record_access'
        ? decideRecordAccess(
            request,
            tokenClient,
            await stores.purposes.getPurpose(request.purpose),
            await stores.grants.activeGrantsFor(request.purpose, client.agencyId, now),
            now,
          )
        : request.type === 'stats_access'
          ? decideStatsAccess(request, tokenClient, await stores.stats.grantsFor(client.agencyId, request.purpose), now)
          : decideRecordIngest(request, tokenClient, MAX_ACCESS_TOKEN_LIFETIME);
    if (!decision.ok) throw new OAuthError(decision.error, decision.reason);
    details = [decision.granted];
    lifetime = decision.lifetime;
  }

  // Everything checked: spend the single-use values, atomically, or refuse as a replay.
  const replayed = await stores.replayGuard.spend(
    `client:${client.id}`,
    [
      // Remembered for as long as the assertion verifies, clock tolerance included.
      { key: `assertion:${assertionJti}`, expiresAt: assertionExp + CLOCK_TOLERANCE },
      { key: `dpop:${dpop.jkt}:${dpop.jti}`, expiresAt: dpop.replayUntil },
    ],
    now,
  );
  if (replayed !== null) {
    throw replayed.startsWith('dpop:')
      ? new OAuthError('invalid_dpop_proof', 'proof jti replayed')
      : new OAuthError('invalid_client', 'assertion jti replayed');
  }

  const { token, claims } = await issueAccessToken(stores, gateway, now, {
    clientId: client.id,
    agency: client.agencyId,
    jkt: dpop.jkt,
    lifetime,
    ...(details === undefined ? {} : { details }),
    ...(grantedScope === undefined ? {} : { scope: grantedScope }),
  });
  return {
    clientId: client.id,
    jti: claims.jti,
    response: {
      access_token: token,
      token_type: 'DPoP',
      expires_in: lifetime,
      ...(details === undefined ? {} : { authorization_details: details }),
      ...(grantedScope === undefined ? {} : { scope: grantedScope }),
    },
  };
}
