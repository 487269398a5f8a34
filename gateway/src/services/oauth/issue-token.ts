import { issuedEntry } from '@need2know/policy';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import type { Stores } from '../../store/ports/index.js';
import { subjectHashes } from '../access/subjects.js';
import { keyRing } from '../keys/key-ring.js';
import type { Issuer } from './issuer.js';
import { dpopHeaderValues } from './dpop.js';
import { readOAuthForm } from './form.js';
import { logTokenRefusal } from './refusal-log.js';
import { grantClientCredentials, type TokenResponse, type TokenStores } from './token-service.js';

/**
 * `POST /oauth/token` end to end: reads the form, grants (or refuses) the client-credentials request,
 * and logs the outcome. Fail-closed: a token whose issuance cannot be logged is not handed out. A
 * refusal is logged within the bounds of `logTokenRefusal` (only validated, bounded values, and only
 * so many per source) and rethrown as the {@link OAuthError} the endpoint answers with.
 */
export async function issueToken(stores: TokenStores & Pick<Stores, 'auditLog'>, gateway: Issuer, request: Request, now: number): Promise<TokenResponse> {
  let form: Map<string, string> | undefined;
  try {
    form = await readOAuthForm(request);
    const issued = await grantClientCredentials(stores, gateway, form, dpopHeaderValues(request.headers), now);
    const ring = await keyRing(gateway.keys);
    const entry = issuedEntry(
      {
        at: now,
        client: issued.clientId,
        jti: issued.jti,
        expiresIn: issued.response.expires_in,
        scope: issued.response.scope ?? null,
        details: issued.response.authorization_details ?? null,
      },
      (ids) => subjectHashes(ring, ids),
    );
    await stores.auditLog.append([entry]);
    return issued.response;
  } catch (err) {
    if (err instanceof OAuthError) await logTokenRefusal(stores, gateway.keys, request, form, err, now);
    throw err;
  }
}
