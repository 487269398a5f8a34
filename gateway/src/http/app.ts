import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.js';
import { ensureBootstrapOfficers } from '../services/bootstrap.js';
import { requireConfigured } from './middleware/require-configured.js';
import { healthRoutes } from './routes/readiness.js';
import { consoleHeaders, isConsolePath } from './console/headers.js';
import { consoleRoutes } from './console/routes.js';
import { systemClock, type Clock, type GatewayEnv } from '../platform/env.js';
import { storesOf, type Stores } from '../services/stores.js';
import { Problem, type ProblemCode, type ProblemStatus } from '../platform/errors/problem.js';
import { bodyLimits } from './middleware/body-limits.js';
import { identifiers } from '../services/oauth/access-token.js';
import { adminRoutes } from './routes/admin/index.js';
import { auditRoutes } from './routes/audit.js';
import { docsRoutes } from './routes/docs/docs-page.js';
import { registerOAuthPaths } from './routes/docs/oauth-paths.js';
import { oauthRoutes } from './routes/oauth.js';
import { resourceRoutes } from './routes/resource/index.js';
import { statsRoutes } from './routes/stats/index.js';
import { validationHook } from './routes/validation-hook.js';
import { wellKnownRoutes } from './routes/well-known.js';

export interface AppOptions {
  /** Source of time; tests pass a simulated clock. */
  readonly clock?: Clock;
  /** The storage ports, built per request from the bindings (D1 and the Durable Objects by default). */
  readonly stores?: (env: GatewayEnv) => Stores;
}

/** Problems for the errors hono's own middleware raises (e.g. the body limit): the status kept, a stable code given. */
const PROBLEM_OF_STATUS: Partial<Record<number, readonly [ProblemStatus, ProblemCode]>> = {
  400: [400, 'bad_request'],
  404: [404, 'not_found'],
  405: [405, 'method_not_allowed'],
  413: [413, 'body_too_large'],
  415: [415, 'unsupported_media_type'],
};

/** Builds the gateway's HTTP application. */
export function createApp({ clock = systemClock, stores = storesOf }: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', async function clockReading(c, next) {
    c.set('now', clock());
    await next();
  });
  app.use('*', async function storagePorts(c, next) {
    c.set('stores', stores(c.env));
    await next();
  });
  // A missing, weak or wrong root secret stops everything but the health checks.
  app.use('*', requireConfigured);
  app.use('*', async function bootstrapOfficers(c, next) {
    if (c.req.path !== '/healthz' && c.req.path !== '/readyz') await ensureBootstrapOfficers(c.var.stores, c.env.N2K_BOOTSTRAP_ADMINS, c.var.now);
    await next();
  });
  // The API serves no active content: nothing may load. The docs page may load its own script and style.
  const apiHeaders = secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] }, crossOriginResourcePolicy: 'same-origin' });
  const docsHeaders = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], connectSrc: ["'self'"], frameAncestors: ["'none'"] },
    crossOriginResourcePolicy: 'same-origin',
  });
  app.use('*', (c, next) => {
    if (c.req.path === '/docs' || c.req.path.startsWith('/docs/')) return docsHeaders(c, next);
    // The console runs its own bundled script only; its policy is in console/headers.ts.
    if (isConsolePath(c.req.path)) return consoleHeaders(c, next);
    return apiHeaders(c, next);
  });
  // Every body is bounded before anything reads it (limits by path in middleware/body-limits.ts).
  app.use('*', bodyLimits());

  app.route('/', healthRoutes);
  app.route('/.well-known', wellKnownRoutes);
  app.route('/oauth', oauthRoutes);
  app.route('/v1/admin', adminRoutes);
  app.route('/v1', auditRoutes);
  app.route('/v1', resourceRoutes);
  app.route('/v1', statsRoutes);
  app.route('/docs', docsRoutes);
  app.route('/console', consoleRoutes);
  app.get('/console/', (c) => c.redirect('/console', 308));

  app.openAPIRegistry.registerComponent('securitySchemes', 'DPoP', {
    type: 'http',
    scheme: 'DPoP',
    description: 'A DPoP-bound access token from /oauth/token (RFC 9449), with a fresh DPoP proof on every request.',
  });
  registerOAuthPaths(app);
  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: { title: 'need2know gateway', version: '0.1.0', description: 'Purpose-bound, minimised, sealed and audited disclosure of records between agencies.' },
    servers: [{ url: identifiers(c.env).issuer }],
  }));

  app.notFound(() => new Problem(404, 'not_found').toResponse());
  app.onError((err, c) => {
    const instance = new URL(c.req.url).pathname;
    if (err instanceof Problem) return err.toResponse(instance);
    if (err instanceof HTTPException) {
      const [status, code] = PROBLEM_OF_STATUS[err.status] ?? (err.status >= 500 ? [500, 'internal_error'] : [400, 'bad_request']);
      return new Problem(status, code).toResponse(instance);
    }
    console.error('unhandled error', err);
    return new Problem(500, 'internal_error').toResponse(instance);
  });
  return app;
}
