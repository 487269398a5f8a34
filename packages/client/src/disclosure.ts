import { compactDecrypt, createLocalJWKSet, createRemoteJWKSet, customFetch, importJWK, jwtVerify, type JSONWebKeySet, type JWK, type JWTPayload } from 'jose';

/** `typ` of a signed disclosure. */
export const DISCLOSURE_TYP = 'n2k-disclosure+jwt';

/** A verified disclosure: who sent it, for which purpose and grant, bound to which request. */
export interface Disclosure extends JWTPayload {
  readonly purpose: string;
  readonly grant: string;
  readonly request_hash: string;
  readonly action: 'fetch' | 'search' | 'check' | 'media';
  readonly record_type: string;
  readonly disclosure: Readonly<Record<string, string>>;
  readonly window_ends: number;
  /** Partner deliveries: the minimised records. */
  readonly records?: readonly Record<string, unknown>[];
  /** Media deliveries (`POST /v1/media`): the file, base64url, and which rendition it is. */
  readonly media?: DisclosedMedia;
  /** Check answers. */
  readonly answer?: boolean;
  readonly check?: string;
  /** Viewer deliveries: the payload sealed under the grant's viewer key, and where that key lives. */
  readonly sealed_payload?: string;
  readonly viewer_key?: { readonly kid: string; readonly grant: string; readonly epoch: number; readonly destroy_at: number };
}

/** The `media` payload of a media delivery, as the gateway sends it. */
export interface DisclosedMedia {
  /** The reference as requested (with `#redacted` or `#blurred` if it was asked that way). */
  readonly ref: string;
  /**
   * Which rendition left: `original`; `redacted` (faces and the owner's regions pixelated and blurred,
   * the rest of the picture kept); or `blurred` (the whole frame). The purpose's mode for the field,
   * the photo's flags, the grant's approvals and the asked suffix decide it.
   */
  readonly rendition: 'original' | 'redacted' | 'blurred';
  readonly content_type: 'image/png' | 'image/jpeg';
  /** Size of the file in bytes. */
  readonly bytes: number;
  /** The file, base64url without padding (RFC 4648 §5). */
  readonly data: string;
  /**
   * Present when an original larger than an answer carries went out as its copy at the working size
   * (at most 2048 × 2048, JPEG, made at upload; `rendition` stays `original`): that copy's pixel size.
   */
  readonly scaled?: MediaSize;
}

/** A picture's size in pixels. */
export interface MediaSize {
  readonly width: number;
  readonly height: number;
}

/** Why a response was refused by the client. */
export class DisclosureError extends Error {
  readonly code: 'ERR_DISCLOSURE_DECRYPT' | 'ERR_DISCLOSURE_SIGNATURE' | 'ERR_DISCLOSURE_REQUEST_MISMATCH' | 'ERR_DISCLOSURE_MALFORMED';
  constructor(code: DisclosureError['code'], message: string) {
    super(message);
    this.name = 'DisclosureError';
    this.code = code;
  }
}

export interface OpenOptions {
  /** The recipient's private encryption JWK (P-256 or X25519). */
  readonly decryptionKey: JWK | CryptoKey;
  /** The gateway's issuer URL (checked as `iss`; its JWKS verifies the signature). */
  readonly issuer: string;
  /** The recipient's client id (checked as `aud`). */
  readonly audience: string;
  /** The hash of the request this response answers: a mismatch is refused. */
  readonly requestHash: string;
  /** The gateway's key set; fetched from `<issuer>/.well-known/jwks.json` when absent. */
  readonly jwks?: JSONWebKeySet;
  /** Evaluation time (tests); default now. */
  readonly currentDate?: Date;
  /** Fetch used for the JWKS (default: the global fetch). */
  readonly fetch?: typeof fetch;
}

const remoteSets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * Opens a sealed disclosure with plain JOSE: decrypts the JWE (ECDH-ES) with the recipient's key,
 * verifies the inner JWT's signature against the gateway's JWKS, its issuer, audience and lifetime,
 * and that it answers the request that was sent.
 */
export async function openDisclosure(jwe: string, options: OpenOptions): Promise<Disclosure> {
  const key = 'kty' in options.decryptionKey ? await importJWK(options.decryptionKey as JWK, 'ECDH-ES') : options.decryptionKey;
  let jws: string;
  try {
    jws = new TextDecoder().decode((await compactDecrypt(jwe, key)).plaintext);
  } catch (err) {
    throw new DisclosureError('ERR_DISCLOSURE_DECRYPT', `cannot decrypt: ${(err as Error).message}`);
  }
  const issuer = options.issuer.replace(/\/+$/, '');
  let keySet = options.jwks !== undefined ? createLocalJWKSet(options.jwks) : options.fetch === undefined ? remoteSets.get(issuer) : undefined;
  if (keySet === undefined) {
    const remote = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), options.fetch === undefined ? {} : { [customFetch]: options.fetch });
    if (options.fetch === undefined) remoteSets.set(issuer, remote);
    keySet = remote;
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jws, keySet, {
      issuer,
      audience: options.audience,
      typ: DISCLOSURE_TYP,
      algorithms: ['EdDSA', 'Ed25519'],
      ...(options.currentDate === undefined ? {} : { currentDate: options.currentDate }),
    }));
  } catch (err) {
    throw new DisclosureError('ERR_DISCLOSURE_SIGNATURE', `signature or claims rejected: ${(err as { code?: string }).code ?? (err as Error).message}`);
  }
  const disclosure = payload as Disclosure;
  if (disclosure.request_hash !== options.requestHash) throw new DisclosureError('ERR_DISCLOSURE_REQUEST_MISMATCH', 'the response answers another request');
  return disclosure;
}
