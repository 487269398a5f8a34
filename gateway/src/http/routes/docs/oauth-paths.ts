import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';

const OAuthError = z
  .object({ error: z.string().openapi({ example: 'invalid_dpop_proof' }), error_description: z.string() })
  .openapi('OAuthError', { description: 'RFC 6749 §5.2 error response' });
const form = (properties: Record<string, z.ZodType>) => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: z.object(properties) } },
});
const assertion = {
  client_assertion_type: z.literal('urn:ietf:params:oauth:client-assertion-type:jwt-bearer'),
  client_assertion: z.string().openapi({ description: 'private_key_jwt (RFC 7523 §2.2): iss = sub = client_id, aud = issuer, short exp, single-use jti' }),
  client_id: z.string().optional(),
};
const errors = {
  400: { description: 'RFC 6749 §5.2 error', content: { 'application/json': { schema: OAuthError } } },
  401: { description: '`invalid_client`', content: { 'application/json': { schema: OAuthError } } },
};

/**
 * Documents the OAuth endpoints (plain Hono routes, because their errors follow RFC 6749 rather than
 * RFC 9457) and the well-known documents in the OpenAPI document.
 */
export function registerOAuthPaths(app: OpenAPIHono<AppEnv>): void {
  const registry = app.openAPIRegistry;
  registry.registerPath({
    method: 'post',
    path: '/oauth/token',
    tags: ['oauth'],
    summary: 'Client credentials with private_key_jwt (RFC 7523) and DPoP (RFC 9449); purpose-bound by authorization_details (RFC 9396)',
    request: {
      headers: z.object({ dpop: z.string().openapi({ description: 'DPoP proof for POST <issuer>/oauth/token' }) }),
      body: form({
        grant_type: z.literal('client_credentials'),
        ...assertion,
        authorization_details: z.string().optional().openapi({
          description:
            'JSON array with one entry: `record_access` (purpose, record_types, fields, actions) for partners, `record_ingest` (record_types) for data owners',
          example: '[{"type":"record_access","purpose":"covid-contact-tracing","record_types":["person"],"fields":{"person":["name_latin","phone"]}}]',
        }),
        scope: z.string().optional().openapi({ description: '`admin` for privacy officers' }),
      }),
    },
    responses: {
      200: {
        description: 'A DPoP-bound JWT access token (RFC 9068) with the granted authorization_details',
        content: {
          'application/json': {
            schema: z.object({
              access_token: z.string(),
              token_type: z.literal('DPoP'),
              expires_in: z.number(),
              authorization_details: z.array(z.record(z.string(), z.unknown())).optional(),
              scope: z.string().optional(),
            }),
          },
        },
      },
      ...errors,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/oauth/introspect',
    tags: ['oauth'],
    summary: 'Token introspection (RFC 7662): a client may introspect its own tokens, privacy officers any',
    request: { body: form({ token: z.string(), ...assertion }) },
    responses: {
      200: { description: 'RFC 7662 §2.2 response', content: { 'application/json': { schema: z.object({ active: z.boolean() }).passthrough() } } },
      ...errors,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/oauth/revoke',
    tags: ['oauth'],
    summary: 'Token revocation (RFC 7009): takes effect at every resource at once',
    request: { body: form({ token: z.string(), token_type_hint: z.string().optional(), ...assertion }) },
    responses: { 200: { description: 'Always 200 for a well-formed, authenticated request (RFC 7009 §2.2)' }, ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/.well-known/oauth-authorization-server',
    tags: ['oauth'],
    summary: 'Authorization server metadata (RFC 8414)',
    responses: { 200: { description: 'Metadata', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/.well-known/jwks.json',
    tags: ['oauth'],
    summary: "The gateway's public signing keys (tokens and disclosures), including retired keys still needed",
    responses: {
      200: { description: 'JWK Set (RFC 7517)', content: { 'application/json': { schema: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) } } },
    },
  });
}
