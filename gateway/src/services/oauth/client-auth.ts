import { OAuthError } from '../../platform/errors/oauth-error.js';
import type { Client, Stores } from '../../store/ports/index.js';
import { verifyClientAssertion, type VerifiedAssertion } from './client-assertion.js';
import { identifiersOf } from './issuer.js';

/**
 * Authenticates the client of an OAuth endpoint request by `private_key_jwt`, against the clients of
 * the registry. The assertion's `aud` may be the issuer (RFC 7523bis) or the endpoint's own URL
 * (RFC 7523 §3 item 3), both derived from the gateway's `publicUrl`.
 */
export async function authenticateClient(
  stores: Pick<Stores, 'registry'>,
  publicUrl: string,
  form: ReadonlyMap<string, string>,
  endpoint: string,
  now: number,
): Promise<VerifiedAssertion<Client>> {
  if (form.has('client_secret')) throw new OAuthError('invalid_client', 'client secrets are not accepted');
  const { issuer } = identifiersOf(publicUrl);
  return verifyClientAssertion(
    { assertionType: form.get('client_assertion_type'), assertion: form.get('client_assertion'), clientId: form.get('client_id') },
    (id) => stores.registry.getClient(id),
    [issuer, `${issuer}${endpoint}`],
    now,
  );
}
