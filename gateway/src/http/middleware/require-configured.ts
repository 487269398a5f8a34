import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';
import { Problem } from '../../platform/errors/problem.js';
import { servingCheck } from '../../services/health/readiness.js';

/** Paths answered whatever the configuration: liveness and readiness themselves. */
const HEALTH_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/** Seconds a refused client should wait before trying again (the operator has to act first). */
const NOT_READY_RETRY_AFTER = 30;

/**
 * Refuses every request but the health checks while the root secret is missing, malformed, shorter
 * than 32 bytes, or not the one this gateway first started with: no token is issued, nothing is
 * ingested, disclosed or signed. The token endpoints answer in RFC 6749 §5.2 form, the rest with a
 * `not_ready` problem; neither says what is wrong (`/readyz` and the Worker's log do).
 */
export const requireConfigured = createMiddleware<AppEnv>(async function requireConfigured(c, next) {
  if (HEALTH_PATHS.has(c.req.path)) return next();
  const problems = await servingCheck(c.var.stores, c.env.N2K_ROOT_SECRET, c.var.now);
  if (problems.length === 0) return next();
  const retry = { 'retry-after': String(NOT_READY_RETRY_AFTER), 'cache-control': 'no-store' };
  if (c.req.path.startsWith('/oauth/'))
    return c.json({ error: 'temporarily_unavailable', error_description: 'The gateway is not ready to issue tokens.' }, 503, retry);
  throw new Problem(503, 'not_ready', 'The gateway is not ready to serve: its operators can see why at /readyz.', { headers: retry });
});
