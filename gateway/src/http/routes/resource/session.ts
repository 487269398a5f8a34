import { createRoute, z } from '@hono/zod-openapi';
import { requireAccessToken } from '../../middleware/access-token.js';
import { detailNow, mayCopyField } from '@need2know/policy';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { iso } from '../admin/serialize.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import { callerNames } from '../../../services/access/caller-names.js';
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
    purpose_title_km: z
      .string()
      .nullable()
      .openapi({ description: "The purpose's title in Khmer, as the privacy officer set it last; null: none (show the English `purpose_title`)" }),
    purpose: z.string(),
    grant: z.string(),
    record_types: z.array(z.string()),
    fields: z.record(z.string(), z.array(z.string())),
    disclosure: z.record(z.string(), z.record(z.string(), z.string())),
    actions: z.array(z.string()),
    copyable: z.record(z.string(), z.array(z.string())).openapi({
      description:
        "Fields the viewer lets the officer copy now, by record type (the purpose's `copyable`, where this token receives them in clear); each copy is reported as a `copy` viewer event and logged",
    }),
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
  // What the token allows now: a purpose narrowed since it was issued shows narrowed.
  const detail = detailNow(access.recordAccess, access.recordNow);
  const names = await callerNames(c.var.stores, access.clientId, access.agencyId);
  return c.json(
    {
      client_id: access.clientId,
      client_name: names.clientName,
      kind: access.clientKind,
      agency: access.agencyId,
      agency_name: names.agencyName,
      agency_name_km: names.agencyNameKm,
      purpose_title: access.purpose.title,
      purpose_title_km: access.purpose.titleKm ?? null,
      purpose: detail.purpose,
      grant: detail.grant,
      record_types: [...detail.record_types],
      fields: Object.fromEntries(Object.entries(detail.fields).map(([k, v]) => [k, [...v]])),
      disclosure: Object.fromEntries(Object.entries(detail.disclosure).map(([k, v]) => [k, { ...v }])),
      actions: [...detail.actions],
      copyable: Object.fromEntries(
        detail.record_types
          .map((type): [string, string[]] => [
            type,
            (access.purpose.copyable?.[type] ?? []).filter(
              (f) => detail.disclosure[type]?.[f] === 'clear' && mayCopyField(access.purpose.rules, access.purpose.copyable, type, f),
            ),
          ])
          .filter(([, fields]) => fields.length > 0),
      ),
      token_expires_at: iso(access.claims.exp),
      window_ends_at: iso(access.grant.notAfter),
    },
    200,
  );
});
