import { OAuthError } from '../../platform/errors/oauth-error.js';
import type { GatewayEnv } from '../../platform/env.js';
import { getClient, type Client } from '../../store/d1/clients.js';
import { identifiers } from './access-token.js';
import { verifyClientAssertion, type VerifiedAssertion } from './client-assertion.js';

/**
 * Authenticates the client of an OAuth endpoint request by `private_key_jwt`. The assertion's `aud`
 * may be the issuer (RFC 7523bis) or the endpoint's own URL (RFC 7523 §3 item 3).
 */
export async function authenticateClient(
  env: GatewayEnv,
  form: ReadonlyMap<string, string>,
  endpoint: string,
  now: number,
): Promise<VerifiedAssertion<Client>> {
  if (form.has('client_secret')) throw new OAuthError('invalid_client', 'client secrets are not accepted');
  const { issuer } = identifiers(env);
  return verifyClientAssertion(
    { assertionType: form.get('client_assertion_type'), assertion: form.get('client_assertion'), clientId: form.get('client_id') },
    (id) => getClient(env.DB, id),
    [issuer, `${issuer}${endpoint}`],
    now,
  );
}
