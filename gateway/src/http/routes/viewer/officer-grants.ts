import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { grantIsLive } from '@need2know/policy';
import { mayReleaseUnblurredMedia } from '@need2know/policy';
import type { Grant } from '@need2know/policy';
import { callerNames } from '../../../services/access/caller-names.js';
import { grantsShownToOfficers } from '../../../services/viewer/officer-grants.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { iso } from '../admin/serialize.js';
import { validationHook } from '../validation-hook.js';

const OfficerGrant = z
  .object({
    grant: z.string(),
    purpose: z.string(),
    purpose_title: z.string(),
    purpose_title_km: z.string().nullable().openapi({ description: "The purpose's title in Khmer; null: none (the viewer shows the English title)" }),
    legal_basis: z.string(),
    state: z.enum(['live', 'not_started', 'suspended', 'ended', 'revoked']),
    not_before: z.string(),
    not_after: z.string(),
    data_life_seconds: z.number(),
    record_types: z.array(z.string()),
    actions: z.array(z.string()),
    may_reveal_media: z.boolean().openapi({ description: 'Whether protected photos may be revealed, one by one, with a logged reason' }),
    reason_required: z.boolean().openapi({
      description: 'Whether each search or opened record must state a reference and a reason (N2K-Reference, N2K-Reason): the viewer asks the officer',
    }),
  })
  .openapi('OfficerGrant');
const OfficerGrants = z
  .object({
    officer: z.object({ id: z.string(), name: z.string(), agency_id: z.string(), agency_name: z.string(), agency_name_km: z.string().nullable() }),
    server_time: z.string().openapi({ description: 'The gateway clock, so countdowns do not trust the device clock' }),
    grants: z.array(OfficerGrant),
  })
  .openapi('OfficerGrants');

const route = createRoute({
  method: 'get',
  path: '/officer/grants',
  tags: ['officers'],
  summary: "The signed-in officer, and their agency's grants with their windows (live, upcoming and recently ended)",
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('officer')] as const,
  responses: { 200: jsonOk(OfficerGrants, 'Who is signed in and what they may read, until when'), ...adminProblems },
});

function stateOf(g: Grant, now: number): z.infer<typeof OfficerGrant>['state'] {
  if (g.status === 'revoked') return 'revoked';
  if (g.status === 'suspended') return 'suspended';
  if (grantIsLive(g, now)) return 'live';
  return g.status === 'active' && now < g.notBefore ? 'not_started' : 'ended';
}

/** `GET /v1/officer/grants`: what the viewer's popup shows, with the gateway's clock. */
export const officerGrantRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const { access, now } = c.var;
  const [names, shown] = await Promise.all([
    callerNames(c.var.stores, access.clientId, access.agencyId),
    grantsShownToOfficers(c.var.stores, access.agencyId, now),
  ]);
  return c.json(
    {
      officer: { id: access.clientId, name: names.clientName, agency_id: access.agencyId, agency_name: names.agencyName, agency_name_km: names.agencyNameKm },
      server_time: iso(now),
      grants: shown.map(({ grant: g, purpose: p }) => ({
        grant: g.id,
        purpose: p.id,
        purpose_title: p.title,
        purpose_title_km: p.titleKm ?? null,
        legal_basis: p.legalBasis,
        state: stateOf(g, now),
        not_before: iso(g.notBefore),
        not_after: iso(g.notAfter),
        data_life_seconds: g.dataLife,
        record_types: Object.keys(p.rules),
        actions: [...p.actions],
        may_reveal_media: mayReleaseUnblurredMedia(p, g),
        reason_required: p.reasonRequired === true,
      })),
    },
    200,
  );
});
