import { CLIENT_SIGNING_ALGS } from '../config.js';
import { Problem } from './problem.js';

/**
 * The refusals of a DPoP-protected request (RFC 9449 §7.1, RFC 6750 §3.1). The wire says only the
 * code and the `WWW-Authenticate` challenge; the precise reason goes to the gateway's own log.
 */

/** The `WWW-Authenticate` challenge of a refused DPoP request (RFC 9449 §7.1); no `error` when no credentials were sent. */
export const dpopChallenge = (error: string | null) => `DPoP ${error === null ? '' : `error="${error}", `}algs="${CLIENT_SIGNING_ALGS.join(' ')}"`;

const refusal = (status: 401 | 403, code: 'invalid_token' | 'invalid_dpop_proof' | 'insufficient_scope', challenge: string | null) =>
  new Problem(status, code, undefined, { headers: { 'www-authenticate': dpopChallenge(challenge) } });

/** A request with no credentials at all: the challenge names the scheme and no error (RFC 6750 §3.1, RFC 9449 §7.1). */
export function noCredentials(): Problem {
  console.warn('access refused: no Authorization header');
  return refusal(401, 'invalid_token', null);
}

/** The token is missing its scheme, forged, expired, revoked, or its client, grant or purpose no longer stands (401). */
export function invalidToken(reason: string): Problem {
  console.warn(`access refused: ${reason}`);
  return refusal(401, 'invalid_token', 'invalid_token');
}

/** The token is valid but does not allow this request (403). */
export function insufficientScope(reason: string): Problem {
  console.warn(`access refused: ${reason}`);
  return refusal(403, 'insufficient_scope', 'insufficient_scope');
}

/** The DPoP proof does not verify (RFC 9449 §4.3). */
export function invalidDpopProof(reason: string): Problem {
  console.warn(`dpop refused: ${reason}`);
  return refusal(401, 'invalid_dpop_proof', 'invalid_dpop_proof');
}

/** The refusal of a request whose DPoP proof was presented before (RFC 9449 §11.1). */
export function proofReplayed(): Problem {
  return invalidDpopProof('proof replayed');
}
