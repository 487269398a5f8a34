import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { MAX_ADMIN_BODY_BYTES, MAX_INGEST_BODY_BYTES, MAX_REQUEST_BODY_BYTES } from '../../platform/config.js';
import { Problem } from '../../platform/errors/problem.js';
import { MAX_MEDIA_UPLOAD_BYTES } from '../../services/media/limits.js';

/**
 * The largest body a request to `path` may carry, in bytes, or null where the route reads its body
 * itself under a limit of its own: the OAuth endpoints stream their form through `readOAuthForm`,
 * which stops at `MAX_OAUTH_BODY_BYTES` and answers as RFC 6749 §5.2 requires, not with a problem
 * document. Media upload and ingest carry files and batches; administration carries purposes;
 * everything else is small.
 *
 * @example bodyLimitFor('/v1/enrol') // MAX_REQUEST_BODY_BYTES
 */
export function bodyLimitFor(path: string): number | null {
  if (path.startsWith('/oauth/')) return null;
  if (path === '/v1/ingest/media') return MAX_MEDIA_UPLOAD_BYTES;
  if (path.startsWith('/v1/ingest/')) return MAX_INGEST_BODY_BYTES;
  if (path.startsWith('/v1/admin/')) return MAX_ADMIN_BODY_BYTES;
  return MAX_REQUEST_BODY_BYTES;
}

const tooLarge = (): never => {
  throw new Problem(413, 'body_too_large');
};

/**
 * Refuses a body over {@link bodyLimitFor} its path with 413 `body_too_large`, before any handler
 * reads or parses it: a declared Content-Length over the limit is refused unread, and a body without
 * one (chunked) is counted as it streams in and refused the moment it passes the limit.
 */
export function bodyLimits(): MiddlewareHandler<AppEnv> {
  const limiters = new Map<number, MiddlewareHandler>();
  return createMiddleware<AppEnv>(async function bodyLimits(c, next) {
    const limit = bodyLimitFor(c.req.path);
    if (limit === null || c.req.raw.body === null) return next();
    let limiter = limiters.get(limit);
    if (limiter === undefined) {
      limiter = bodyLimit({ maxSize: limit, onError: tooLarge });
      limiters.set(limit, limiter);
    }
    return limiter(c, next);
  });
}

/**
 * A route's own body limit (413 `body_too_large`), typed for the app so that the route keeps the
 * access type its access middleware gives it.
 */
export function routeBodyLimit(maxSize: number): MiddlewareHandler<AppEnv> {
  const limiter = bodyLimit({ maxSize, onError: tooLarge });
  return createMiddleware<AppEnv>(function routeBodyLimit(c, next) {
    return limiter(c, next);
  });
}
