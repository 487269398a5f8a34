/**
 * Signing a privacy officer in from the browser, exactly as the command line does: the key file's
 * private key is imported as a non-extractable WebCrypto key, a fresh non-extractable DPoP key is
 * made for this session, and the gateway is asked for a DPoP-bound `admin` token with
 * `private_key_jwt`. Every admin call then carries the token and a fresh DPoP proof. Nothing is
 * stored: no cookie, no storage; signing out drops the keys and reloads the page.
 */
import { GatewayError, GatewaySession, signingKeyFromJwk } from '@need2know/client';
import type { OfficerKeyFile } from './key-file.js';

/** Why signing in did not happen. */
export class SignInError extends Error {
  constructor(
    readonly kind: 'wrong_origin' | 'wrong_issuer' | 'refused' | 'network',
    readonly detail: string,
  ) {
    super(`sign-in failed: ${kind}`);
    this.name = 'SignInError';
  }
}

/** The gateway's authorization server metadata (RFC 8414), the part the console needs. */
async function issuerOfThisGateway(): Promise<string> {
  const response = await fetch('/.well-known/oauth-authorization-server', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new SignInError('network', String(response.status));
  const { issuer } = (await response.json()) as { issuer?: unknown };
  if (typeof issuer !== 'string') throw new SignInError('network', 'no issuer');
  return issuer.replace(/\/+$/, '');
}

/** A signed-in privacy officer. */
export class OfficerSession {
  readonly officer: string;
  readonly name: string;
  readonly issuer: string;
  #session: GatewaySession | undefined;

  private constructor(officer: string, name: string, issuer: string, session: GatewaySession) {
    this.officer = officer;
    this.name = name;
    this.issuer = issuer;
    this.#session = session;
  }

  /**
   * Signs in with `file`. DPoP proofs name the issuer's URL (`htu`), so the console must run on the
   * issuer's own origin; a copy served elsewhere is refused before any key is used.
   */
  static async signIn(file: OfficerKeyFile): Promise<OfficerSession> {
    const issuer = await issuerOfThisGateway();
    if (new URL(issuer).origin !== location.origin) throw new SignInError('wrong_origin', issuer);
    if (file.issuer !== null && new URL(file.issuer).origin !== new URL(issuer).origin) throw new SignInError('wrong_issuer', file.issuer);
    const signingKey = await signingKeyFromJwk(file.signingJwk as Parameters<typeof signingKeyFromJwk>[0]);
    try {
      const session = await GatewaySession.open({ issuer, clientId: file.clientId, signingKey, request: { scope: 'admin' } });
      return new OfficerSession(file.clientId, file.name, issuer, session);
    } catch (err) {
      if (err instanceof GatewayError) throw new SignInError('refused', err.code);
      throw new SignInError('network', err instanceof Error ? err.name : 'unknown');
    }
  }

  #live(): GatewaySession {
    if (this.#session === undefined) throw new Error('signed out');
    return this.#session;
  }

  /** Sends a request with the token and a fresh DPoP proof; the response is returned as is. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return this.#live().fetch(path, init);
  }

  /** Drops the session and with it the only references to the keys. */
  end(): void {
    this.#session = undefined;
  }
}
