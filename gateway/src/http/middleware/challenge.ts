import { CLIENT_SIGNING_ALGS } from '../../platform/config.js';
import { Problem } from '../../platform/errors/problem.js';

/** The `WWW-Authenticate` challenge of a refused DPoP request (RFC 9449 §7.1); no `error` when no credentials were sent. */
export const dpopChallenge = (error: string | null) => `DPoP ${error === null ? '' : `error="${error}", `}algs="${CLIENT_SIGNING_ALGS.join(' ')}"`;

/** The refusal of a request whose DPoP proof was presented before (RFC 9449 §11.1). */
export function proofReplayed(): Problem {
  console.warn('dpop refused: proof replayed');
  return new Problem(401, 'invalid_dpop_proof', undefined, { headers: { 'www-authenticate': dpopChallenge('invalid_dpop_proof') } });
}
