import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';
import { Problem } from '../../platform/errors/problem.js';
import { identifiers } from '../../services/oauth/access-token.js';

/** Methods that never change state (RFC 9110 §9.2.1). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `Sec-Fetch-Site` values of a request the gateway's own pages made, or a person typed. */
const OWN_SITES = new Set(['same-origin', 'none']);

/** What a browser says about where a request came from. Non-browser clients send neither. */
export interface RequestProvenance {
  readonly method: string;
  readonly origin: string | null;
  readonly secFetchSite: string | null;
}

/**
 * Why a state-changing request must be refused as coming from another site, or null when it may
 * proceed. Only browsers send `Origin` and `Sec-Fetch-Site`, so command-line and agency systems
 * are unaffected; a browser request to change something must come from the gateway's own origin
 * (the console). Admin calls carry a DPoP-bound token and no cookie, so there is no ambient
 * credential for a forged request to ride on; this is a second wall, not the first.
 */
export function crossSiteReason(request: RequestProvenance, expectedOrigin: string): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.secFetchSite !== null && !OWN_SITES.has(request.secFetchSite.toLowerCase())) return `Sec-Fetch-Site is ${request.secFetchSite}`;
  if (request.origin !== null && request.origin !== expectedOrigin) return 'Origin is not the gateway';
  return null;
}

/** Refuses state-changing requests a browser sent from another origin (403 `forbidden`). */
export const refuseCrossSiteWrites = createMiddleware<AppEnv>(async function sameOriginWrites(c, next) {
  const reason = crossSiteReason(
    { method: c.req.method, origin: c.req.header('origin') ?? null, secFetchSite: c.req.header('sec-fetch-site') ?? null },
    new URL(identifiers(c.env).issuer).origin,
  );
  if (reason !== null) {
    // The precise reason is for the logs; the wire says only that it is not allowed.
    console.warn(`cross-site write refused: ${reason}`);
    throw new Problem(403, 'forbidden', 'State-changing requests from a browser must come from the gateway’s own pages.');
  }
  await next();
});
