import { createRoute, z } from '@hono/zod-openapi';
import { requireAccessToken } from '../../middleware/access-token.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { iso } from '../admin/serialize.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { validationHook } from '../validation-hook.js';

const Session = z
  .object({
    client_id: z.string(),
    agency: z.string(),
    purpose: z.string(),
    grant: z.string(),
    record_types: z.array(z.string()),
    fields: z.record(z.string(), z.array(z.string())),
    disclosure: z.record(z.string(), z.record(z.string(), z.string())),
    actions: z.array(z.string()),
    token_expires_at: z.string(),
    window_ends_at: z.string(),
  })
  .openapi('Session');

const whoami = createRoute({
  method: 'get',
  path: '/session',
  tags: ['records'],
  summary: 'What the presented token allows: purpose, grant, fields and modes, and when it ends',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access')] as const,
  responses: { 200: jsonOk(Session, 'The verified session'), ...adminProblems },
});

/** `GET /v1/session`: lets a partner check its token and see exactly what it may receive. */
export const sessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(whoami, (c) => {
  const { access } = c.var;
  const detail = access.recordAccess;
  const grant = access.grant;
  if (detail === undefined || grant === undefined) throw new Error('record_access middleware did not run');
  return c.json(
    {
      client_id: access.clientId,
      agency: access.agencyId,
      purpose: detail.purpose,
      grant: detail.grant,
      record_types: [...detail.record_types],
      fields: Object.fromEntries(Object.entries(detail.fields).map(([k, v]) => [k, [...v]])),
      disclosure: Object.fromEntries(Object.entries(detail.disclosure).map(([k, v]) => [k, { ...v }])),
      actions: [...detail.actions],
      token_expires_at: iso(access.claims.exp),
      window_ends_at: iso(grant.notAfter),
    },
    200,
  );
});
