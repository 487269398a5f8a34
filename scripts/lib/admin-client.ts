/**
 * The administration API as a privacy officer uses it from a terminal: a DPoP-bound `admin` session
 * plus one method per call. The CLI, `npm start`'s demo loader and the benchmarks share it.
 */
import { GatewaySession, signingKeyFromJwk } from '@need2know/client';
import type { PrivacyOfficerCredentials } from './local-files.js';

export type Json = Record<string, unknown>;

export class AdminClient {
  readonly officer: string;
  readonly #session: GatewaySession;

  private constructor(officer: string, session: GatewaySession) {
    this.officer = officer;
    this.#session = session;
  }

  /** Signs in as `officer` at `issuer`. */
  static async signIn(issuer: string, officer: PrivacyOfficerCredentials): Promise<AdminClient> {
    const session = await GatewaySession.open({
      issuer,
      clientId: officer.client_id,
      signingKey: await signingKeyFromJwk(officer.signing_jwk),
      request: { scope: 'admin' },
    });
    return new AdminClient(officer.client_id, session);
  }

  get<T = Json>(path: string): Promise<T> {
    return this.#session.json<T>(`/v1/admin${path}`);
  }

  /** GET any gateway path (e.g. `/v1/audit/export`) with the officer's session. */
  getPath<T = Json>(path: string): Promise<T> {
    return this.#session.json<T>(path);
  }

  /** GET any gateway path with the officer's session, answered as a raw response (for streamed bodies). */
  fetchPath(path: string): Promise<Response> {
    return this.#session.fetch(path);
  }

  post<T = Json>(path: string, body: unknown = {}): Promise<T> {
    return this.#session.json<T>(`/v1/admin${path}`, { method: 'POST', body });
  }

  patch<T = Json>(path: string, body: unknown): Promise<T> {
    return this.#session.json<T>(`/v1/admin${path}`, { method: 'PATCH', body });
  }

  put<T = Json>(path: string, body: unknown): Promise<T> {
    return this.#session.json<T>(`/v1/admin${path}`, { method: 'PUT', body });
  }
}
