import { requestHash, requestTarget, sha256Base64url } from '@need2know/schema';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';

/**
 * Computes the request hash every disclosure carries (`c.var.requestHash`): method, path and
 * sorted query, SHA-256 of the body, and the DPoP proof's `jti`. Runs after the access-token
 * middleware; reads the body from a clone, so validation still sees it.
 */
export const bindRequest = createMiddleware<AppEnv>(async function requestBinding(c, next) {
  const bodyHash =
    c.req.method === 'GET' || c.req.method === 'HEAD' ? await emptyBodyHash() : await sha256Base64url(new Uint8Array(await c.req.raw.clone().arrayBuffer()));
  c.set('requestHash', await requestHash({ method: c.req.method, target: requestTarget(new URL(c.req.url)), bodyHash, dpopJti: c.var.access.dpopJti }));
  await next();
});

/** SHA-256 of the empty body (what every GET binds), computed once per isolate. */
let emptyHash: Promise<string> | undefined;
const emptyBodyHash = () => (emptyHash ??= sha256Base64url(new Uint8Array(0)));
