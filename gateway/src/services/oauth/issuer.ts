import type { KeyRingSource } from '../keys/key-ring.js';

/**
 * The gateway as the issuer of its tokens: its public URL (the issuer, the audience and the endpoints
 * derive from it) and the source of its key ring (the signing keys are wrapped under it). Plain
 * values, read from the bindings once per request.
 */
export interface Issuer {
  readonly publicUrl: string;
  readonly keys: KeyRingSource;
}

/** Issuer and audience identifiers derived from the gateway's public URL. */
export function identifiersOf(publicUrl: string): { issuer: string; audience: string; tokenEndpoint: string } {
  const issuer = publicUrl.replace(/\/+$/, '');
  // The resource audience differs from the issuer so that no gateway token is mistaken for anything
  // a client signs for the issuer (its assertions).
  return { issuer, audience: `${issuer}/v1`, tokenEndpoint: `${issuer}/oauth/token` };
}

/** The tamper-evident log's origin line (c2sp.org/tlog-checkpoint): the gateway's host and path, unique per log. */
export function logOriginOf(publicUrl: string): string {
  return `${new URL(identifiersOf(publicUrl).issuer).host}/need2know/audit`;
}
