import { GatewayError } from './errors.js';
import { ephemeralDpopKey } from './keys.js';
import { clientAssertion, dpopProof, type SigningKeyPair } from './proofs.js';

/** What a client asks the token endpoint for: one purpose (partners), ingest (owners), or admin. */
export type TokenRequest = { readonly authorizationDetails: readonly Record<string, unknown>[] } | { readonly scope: string };

/** The token response (RFC 6749 §5.1 with RFC 9396 details). */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'DPoP';
  readonly expires_in: number;
  readonly authorization_details?: readonly Record<string, unknown>[];
  readonly scope?: string;
}

export interface SessionOptions {
  /** The gateway's issuer URL, e.g. http://127.0.0.1:8787 */
  readonly issuer: string;
  readonly clientId: string;
  /** The client's registered signing key (for `private_key_jwt`). */
  readonly signingKey: SigningKeyPair;
  readonly request: TokenRequest;
  /** DPoP key for this session; a fresh ephemeral key by default. */
  readonly dpopKey?: SigningKeyPair;
  readonly fetch?: typeof fetch;
  /** Renew the token this many seconds before it expires. */
  readonly renewBefore?: number;
}

/**
 * A DPoP-bound session with the gateway: gets a token with `private_key_jwt` + DPoP, renews it
 * before expiry, and signs every request with a fresh DPoP proof.
 *
 * @example
 * const session = await GatewaySession.open({ issuer, clientId, signingKey, request: { authorizationDetails: [{ type: 'record_access', purpose: 'covid-contact-tracing' }] } });
 * const res = await session.fetch('/v1/session');
 */
export class GatewaySession {
  readonly #options: SessionOptions;
  readonly #dpopKey: SigningKeyPair;
  readonly #fetch: typeof fetch;
  #token: TokenResponse | undefined;
  #expiresAt = 0;

  private constructor(options: SessionOptions, dpopKey: SigningKeyPair) {
    this.#options = { ...options, issuer: options.issuer.replace(/\/+$/, '') };
    this.#dpopKey = dpopKey;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Opens a session (gets the first token). Throws {@link GatewayError} when refused. */
  static async open(options: SessionOptions): Promise<GatewaySession> {
    const session = new GatewaySession(options, options.dpopKey ?? (await ephemeralDpopKey()));
    await session.token();
    return session;
  }

  /** The current token response, renewed when it is about to expire. */
  async token(): Promise<TokenResponse> {
    const now = Math.floor(Date.now() / 1000);
    if (this.#token !== undefined && now < this.#expiresAt - (this.#options.renewBefore ?? 30)) return this.#token;
    const { issuer, clientId, signingKey, request } = this.#options;
    const endpoint = `${issuer}/oauth/token`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await clientAssertion(clientId, signingKey, issuer),
    });
    if ('scope' in request) form.set('scope', request.scope);
    else form.set('authorization_details', JSON.stringify(request.authorizationDetails));
    const response = await this.#fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: await dpopProof(this.#dpopKey, 'POST', endpoint) },
      body: form,
    });
    if (!response.ok) throw await GatewayError.from(response);
    this.#token = (await response.json()) as TokenResponse;
    this.#expiresAt = now + this.#token.expires_in;
    return this.#token;
  }

  /**
   * Sends a DPoP-authenticated request to `path` (relative to the issuer). Does not throw on HTTP
   * errors. `onProof` receives the request's DPoP proof (its `jti` binds disclosures to the request).
   */
  async fetch(path: string, init: RequestInit & { onProof?: (proof: string) => void } = {}): Promise<Response> {
    const { access_token } = await this.token();
    const url = `${this.#options.issuer}${path}`;
    const { onProof, ...rest } = init;
    const method = (rest.method ?? 'GET').toUpperCase();
    const headers = new Headers(rest.headers);
    const proof = await dpopProof(this.#dpopKey, method, url, access_token);
    onProof?.(proof);
    headers.set('authorization', `DPoP ${access_token}`);
    headers.set('dpop', proof);
    return this.#fetch(url, { ...rest, method, headers });
  }

  /** Sends a JSON request and returns the parsed JSON answer; throws {@link GatewayError} on refusal. */
  async json<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const response = await this.fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
    });
    if (!response.ok) throw await GatewayError.from(response);
    return (await response.json()) as T;
  }
}
