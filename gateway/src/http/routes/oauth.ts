import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import { readOAuthForm } from '../../services/oauth/form.js';
import { introspectToken } from '../../services/oauth/introspect.js';
import { issueToken } from '../../services/oauth/issue-token.js';
import { revokeToken } from '../../services/oauth/revoke.js';
import { issuerOf } from '../../services/stores.js';

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** Refusals at the OAuth endpoints are RFC 6749 §5.2 documents, never problem documents. */
function oauthFailure(err: unknown): Response {
  if (err instanceof OAuthError) {
    console.warn(`oauth refused: ${err.code}: ${err.reason}`);
    return err.toResponse();
  }
  console.error('oauth endpoint failed', err);
  return new OAuthError('server_error', 'unexpected').toResponse();
}

/** The form of introspection or revocation, and its `token`, checked before the caller's assertion is spent. */
async function tokenForm(request: Request): Promise<{ form: Map<string, string>; token: string }> {
  const form = await readOAuthForm(request);
  const token = form.get('token');
  if (token === undefined) throw new OAuthError('invalid_request', 'token missing');
  return { form, token };
}

/** `POST /oauth/token`, `/oauth/introspect` (RFC 7662), `/oauth/revoke` (RFC 7009). */
export const oauthRoutes = new Hono<AppEnv>()
  .post('/token', async (c) => {
    try {
      return c.json(await issueToken(c.var.stores, issuerOf(c.env, c.var.stores), c.req.raw, c.var.now), 200, noStore);
    } catch (err) {
      return oauthFailure(err);
    }
  })
  .post('/introspect', async (c) => {
    try {
      const { form, token } = await tokenForm(c.req.raw);
      return c.json(await introspectToken(c.var.stores, issuerOf(c.env, c.var.stores), form, token, c.var.now), 200, noStore);
    } catch (err) {
      return oauthFailure(err);
    }
  })
  .post('/revoke', async (c) => {
    try {
      const { form, token } = await tokenForm(c.req.raw);
      await revokeToken(c.var.stores, issuerOf(c.env, c.var.stores), form, token, c.var.now);
      return c.body(null, 200, noStore);
    } catch (err) {
      return oauthFailure(err);
    }
  });
