/**
 * The privacy officer's key file: who they are and their private signing key (a JWK), as
 * `npm start` writes it for the demo officers (.local/demo/<officer>.key.json) or as an officer's
 * own key ceremony produces it. Parsed strictly; the key is never kept in this form longer than
 * it takes to import it as a non-extractable WebCrypto key.
 */

/** Format tag of the file. */
export const OFFICER_KEY_FORMAT = 'need2know-officer-key/v1';

/** A parsed key file. */
export interface OfficerKeyFile {
  readonly clientId: string;
  readonly name: string;
  /** The gateway the key was registered with, when the file says. */
  readonly issuer: string | null;
  readonly signingJwk: JsonWebKey & { kid?: string };
}

/** The file is not a key file; `reason` says why (never the key). */
export class KeyFileError extends Error {
  constructor(readonly reason: string) {
    super(`not an officer key file: ${reason}`);
    this.name = 'KeyFileError';
  }
}

/** Largest file read: a key file is a few hundred bytes. */
export const MAX_KEY_FILE_BYTES = 16 * 1024;
const CLIENT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks a key file's text. Throws {@link KeyFileError}. */
export function parseOfficerKeyFile(text: string): OfficerKeyFile {
  if (text.length > MAX_KEY_FILE_BYTES) throw new KeyFileError('too large');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new KeyFileError('not JSON');
  }
  if (!isRecord(data)) throw new KeyFileError('not an object');
  if (data.format !== OFFICER_KEY_FORMAT) throw new KeyFileError('unknown format');
  const { client_id: clientId, name, issuer, signing_jwk: jwk } = data;
  if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) throw new KeyFileError('client_id missing or malformed');
  if (issuer !== undefined && issuer !== null && (typeof issuer !== 'string' || !/^https?:\/\//.test(issuer))) throw new KeyFileError('issuer malformed');
  if (!isRecord(jwk)) throw new KeyFileError('signing_jwk missing');
  const okp = jwk.kty === 'OKP' && jwk.crv === 'Ed25519';
  const ec = jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.y === 'string';
  if (!okp && !ec) throw new KeyFileError('signing_jwk must be an Ed25519 or P-256 key');
  for (const member of ['x', 'd'] as const)
    if (typeof jwk[member] !== 'string' || !B64URL.test(jwk[member] as string)) throw new KeyFileError(`signing_jwk.${member} missing`);
  return {
    clientId,
    name: typeof name === 'string' ? name.slice(0, 200) : clientId,
    issuer: typeof issuer === 'string' ? issuer.replace(/\/+$/, '') : null,
    signingJwk: jwk as JsonWebKey & { kid?: string },
  };
}
