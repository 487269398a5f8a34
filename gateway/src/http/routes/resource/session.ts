import { createRoute, z } from '@hono/zod-openapi';
import { requireAccessToken } from '../../middleware/access-token.js';
import { detailNow } from '@need2know/policy';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { iso } from '../admin/serialize.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import { getAgency } from '../../../store/d1/agencies.js';
import { getClient } from '../../../store/d1/clients.js';
import type { AppEnv } from '../../app-env.js';
import { validationHook } from '../validation-hook.js';

const Session = z
  .object({
    client_id: z.string(),
    client_name: z.string(),
    kind: z.string(),
    agency: z.string(),
    agency_name: z.string(),
    agency_name_km: z.string().nullable(),
    purpose_title: z.string(),
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
  summary: 'What the presented token allows now: purpose, grant, fields and modes, actions, and when it ends',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access')] as const,
  responses: { 200: jsonOk(Session, 'The verified session'), ...adminProblems },
});

/** `GET /v1/session`: lets a partner check its token and see exactly what it may receive. */
export const sessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(whoami, async (c) => {
  const { access } = c.var;
  const granted = access.recordAccess;
  const grant = access.grant;
  if (granted === undefined || grant === undefined || access.recordNow === undefined) throw new Error('record_access middleware did not run');
  // What the token allows now: a purpose narrowed since it was issued shows narrowed.
  const detail = detailNow(granted, access.recordNow);
  const [client, agency] = await Promise.all([getClient(c.env.DB, access.clientId), getAgency(c.env.DB, access.agencyId)]);
  return c.json(
    {
      client_id: access.clientId,
      client_name: client?.name ?? access.clientId,
      kind: access.clientKind,
      agency: access.agencyId,
      agency_name: agency?.name ?? access.agencyId,
      agency_name_km: agency?.nameKm ?? null,
      purpose_title: access.purpose?.title ?? detail.purpose,
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
