import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { publishedKeys } from '../../services/keys/token-signing.js';
import { identifiers } from '../../services/oauth/access-token.js';
import { authorizationServerMetadata } from '../../services/oauth/metadata.js';

/** `/.well-known/oauth-authorization-server` (RFC 8414) and `/.well-known/jwks.json` (RFC 7517). */
export const wellKnownRoutes = new Hono<AppEnv>()
  .get('/oauth-authorization-server', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(authorizationServerMetadata(identifiers(c.env).issuer));
  })
  .get('/jwks.json', async (c) => {
    const keys = await publishedKeys(c.var.stores, { rootSecret: c.env.N2K_ROOT_SECRET, keyState: c.var.stores.keyState }, c.var.now);
    // Short caching: a rotated key must reach verifiers before tokens it signs do.
    c.header('cache-control', 'public, max-age=60');
    return c.json({ keys: keys.map((k) => k.publicJwk) });
  });
