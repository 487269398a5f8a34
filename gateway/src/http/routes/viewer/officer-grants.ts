import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { grantIsLive } from '@need2know/policy';
import { mayReleaseUnblurredMedia } from '@need2know/policy';
import type { Grant } from '@need2know/policy';
import { getAgency } from '../../../store/d1/agencies.js';
import { getClient } from '../../../store/d1/clients.js';
import { listGrants } from '../../../store/d1/grants.js';
import { listPurposes } from '../../../store/d1/purposes.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { iso } from '../admin/serialize.js';
import { validationHook } from '../validation-hook.js';

/** Ended grants stay listed this long (seconds), so the viewer can say they ended rather than vanish. */
const ENDED_GRANTS_SHOWN_FOR = 7 * 24 * 3600;

const OfficerGrant = z
  .object({
    grant: z.string(),
    purpose: z.string(),
    purpose_title: z.string(),
    legal_basis: z.string(),
    state: z.enum(['live', 'not_started', 'suspended', 'ended', 'revoked']),
    not_before: z.string(),
    not_after: z.string(),
    data_life_seconds: z.number(),
    record_types: z.array(z.string()),
    actions: z.array(z.string()),
    may_reveal_media: z.boolean().openapi({ description: 'Whether protected photos may be revealed, one by one, with a logged reason' }),
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
  const [officer, agency, grants, purposes] = await Promise.all([getClient(c.env.DB, access.clientId), getAgency(c.env.DB, access.agencyId), listGrants(c.env.DB, { agencyId: access.agencyId }), listPurposes(c.env.DB)]);
  const byId = new Map(purposes.map((p) => [p.id, p]));
  const shown = grants.filter((g) => g.status !== 'pending' && byId.get(g.purposeId)?.agencies.includes(access.agencyId) === true && (g.status === 'active' || g.status === 'suspended' || g.updatedAt > now - ENDED_GRANTS_SHOWN_FOR) && g.notAfter > now - ENDED_GRANTS_SHOWN_FOR);
  return c.json(
    {
      officer: { id: access.clientId, name: officer?.name ?? access.clientId, agency_id: access.agencyId, agency_name: agency?.name ?? access.agencyId, agency_name_km: agency?.nameKm ?? null },
      server_time: iso(now),
      grants: shown.map((g) => {
        const p = byId.get(g.purposeId);
        if (p === undefined) throw new Error('filtered above');
        return {
          grant: g.id,
          purpose: p.id,
          purpose_title: p.title,
          legal_basis: p.legalBasis,
          state: stateOf(g, now),
          not_before: iso(g.notBefore),
          not_after: iso(g.notAfter),
          data_life_seconds: g.dataLife,
          record_types: Object.keys(p.rules),
          actions: [...p.actions],
          may_reveal_media: mayReleaseUnblurredMedia(p, g),
        };
      }),
    },
    200,
  );
});
