import { createRoute, z } from '@hono/zod-openapi';
import { formatEpsilon } from '@need2know/stats';
import { MAX_GAZETTEER_CODES } from '../../../services/stats/config.js';
import { askForStatsGrant, revokeStatsGrantNow, statsGrantsWithSpend } from '../../../services/stats/grants-admin.js';
import { changePublicTier, publicTiersWithSpend } from '../../../services/stats/public-tier-admin.js';
import { budgetLedgers, releaseRegister, replacePlaces } from '../../../services/stats/register.js';
import { previewPublicTier } from '../../../services/stats/releases.js';
import { approveStatsRequestById, rejectStatsRequestById, statsRequests } from '../../../services/stats/requests-admin.js';
import { presentRelease } from './respond.js';
import { adminRouter, adminSecurity } from '../admin/app.js';
import { adminProblems, jsonBody, jsonOk } from '../admin/responses.js';
import { ReasonBody } from '../admin/schemas.js';
import { iso } from '../admin/serialize.js';
import {
  PublicSettingIn,
  PublicSettingOut,
  publicSettingOut,
  StatsGrantCreate,
  StatsGrantOut,
  statsGrantOut,
  StatsRequestOut,
  statsRequestOut,
} from './admin-schemas.js';
import { releaseResponses, StatsQuerySchema, TableName } from './schemas.js';

const seconds = (datetime: string) => Math.floor(Date.parse(datetime) / 1000);
const GrantId = z.object({ id: z.string().regex(/^sgr_[A-Za-z0-9_-]{16}$/) });
const RequestId = z.object({ id: z.string().regex(/^sreq_[A-Za-z0-9_-]{16}$/) });
const tags = ['admin: statistics'];
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ ...r, tags, security: adminSecurity });

const tables = route({
  method: 'get',
  path: '/stats/tables',
  summary: 'The public tier of every statistical table, and what it has spent',
  responses: { 200: jsonOk(z.object({ tables: z.array(PublicSettingOut) }), 'Settings'), ...adminProblems },
});
const setPublic = route({
  method: 'put',
  path: '/stats/tables/{table}/public',
  summary:
    'Set a table’s public tier: narrowing applies at once (200); turning it on, lowering the threshold, adding differential privacy or raising ε or the budget waits for a second officer (202)',
  request: { params: z.object({ table: TableName }), ...jsonBody(PublicSettingIn) },
  responses: {
    200: jsonOk(PublicSettingOut, 'Applied'),
    202: jsonOk(z.object({ pending_request: z.string(), widenings: z.array(z.string()) }), 'Waiting for approval'),
    ...adminProblems,
  },
});
const grants = route({
  method: 'get',
  path: '/stats/grants',
  summary: 'Statistics grants, newest first, with the ε each agency has spent under its purpose',
  responses: { 200: jsonOk(z.object({ grants: z.array(StatsGrantOut) }), 'Grants'), ...adminProblems },
});
const createGrant = route({
  method: 'post',
  path: '/stats/grants',
  summary: 'Ask for a statistics grant (tables, thresholds, protections, ε budget, window); it exists once a second officer approves',
  request: jsonBody(StatsGrantCreate),
  responses: { 202: jsonOk(z.object({ pending_request: z.string(), grant_id: z.string() }), 'Waiting for approval'), ...adminProblems },
});
const revoke = route({
  method: 'post',
  path: '/stats/grants/{id}/revoke',
  summary: 'Revoke a statistics grant at once',
  request: { params: GrantId, ...jsonBody(ReasonBody) },
  responses: { 200: jsonOk(StatsGrantOut, 'Revoked'), ...adminProblems },
});
const requests = route({
  method: 'get',
  path: '/stats/requests',
  summary: 'Statistics changes waiting for a second officer',
  request: { query: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'withdrawn', 'all']).default('pending') }) },
  responses: { 200: jsonOk(z.object({ requests: z.array(StatsRequestOut) }), 'Requests'), ...adminProblems },
});
const approve = route({
  method: 'post',
  path: '/stats/requests/{id}/approve',
  summary: "Approve another officer's statistics change",
  request: { params: RequestId, ...jsonBody(ReasonBody) },
  responses: { 200: jsonOk(StatsRequestOut, 'Approved and applied'), ...adminProblems },
});
const reject = route({
  method: 'post',
  path: '/stats/requests/{id}/reject',
  summary: 'Reject (or, as its requester, withdraw) a statistics change',
  request: { params: RequestId, ...jsonBody(ReasonBody) },
  responses: { 200: jsonOk(StatsRequestOut, 'Closed'), ...adminProblems },
});
const ledger = route({
  method: 'get',
  path: '/stats/ledger',
  summary: 'The privacy-budget ledger: ε spent per consumer and purpose',
  responses: {
    200: jsonOk(
      z.object({
        ledgers: z.array(z.object({ consumer: z.string(), purpose: z.string(), spent: z.string(), spends: z.number(), last_spend_at: z.string().nullable() })),
      }),
      'Ledgers',
    ),
    ...adminProblems,
  },
});
const releases = route({
  method: 'get',
  path: '/stats/releases',
  summary: 'The register of releases: to whom, what, how protected, and where each is in the audit log',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
  responses: { 200: jsonOk(z.object({ releases: z.array(z.record(z.string(), z.unknown())) }), 'Releases'), ...adminProblems },
});
const places = route({
  method: 'put',
  path: '/stats/places',
  summary: 'Replace the place list (gazetteer) tables are laid out on: province, district and commune codes',
  request: jsonBody(
    z
      .object({
        codes: z
          .array(z.string().regex(/^\d{2}(\d{2}){0,2}$/))
          .min(1)
          .max(MAX_GAZETTEER_CODES),
        reason: z.string().trim().max(500).default(''),
      })
      .strict()
      .openapi('StatsPlaces'),
  ),
  responses: { 200: jsonOk(z.object({ codes: z.number() }), 'Replaced'), ...adminProblems },
});

const preview = route({
  method: 'get',
  path: '/stats/tables/{table}/preview',
  summary:
    'What the public tier would publish (suppression at its threshold), whether or not it is open: for officers deciding, and for the console’s charts. Logged like every release; spends no budget',
  request: { params: z.object({ table: TableName }), query: StatsQuerySchema },
  responses: releaseResponses,
});

/** `/v1/admin/stats/*`: who gets which tables, the public tier, the ledger and the register. */
export const statsAdminRoutes = adminRouter()
  .openapi(tables, async (c) => c.json({ tables: (await publicTiersWithSpend(c.var.stores)).map((t) => publicSettingOut(t.setting, t.spentMicro)) }, 200))
  .openapi(setPublic, async (c) => {
    const { table } = c.req.valid('param');
    const body = c.req.valid('json');
    const ask = { enabled: body.enabled, threshold: body.threshold, methods: body.methods, maxEpsilon: body.max_epsilon, budget: body.budget };
    const change = await changePublicTier(c.var.stores, table, ask, c.var.access.clientId, body.reason, c.var.now);
    if (change.kind === 'pending') return c.json({ pending_request: change.request, widenings: [...change.widenings] }, 202);
    return c.json(publicSettingOut(change.tier.setting, change.tier.spentMicro), 200);
  })
  .openapi(grants, async (c) => c.json({ grants: (await statsGrantsWithSpend(c.var.stores)).map((g) => statsGrantOut(g.grant, g.spentMicro)) }, 200))
  .openapi(createGrant, async (c) => {
    const body = c.req.valid('json');
    const tables = Object.fromEntries(
      Object.entries(body.tables).map(([t, a]) => [t, a === undefined ? undefined : { threshold: a.threshold, methods: a.methods, maxEpsilon: a.max_epsilon }]),
    );
    const ask = {
      agencyId: body.agency_id,
      purpose: body.purpose,
      legalBasis: body.legal_basis,
      tables,
      epsilonBudget: body.epsilon_budget,
      notBefore: seconds(body.not_before),
      notAfter: seconds(body.not_after),
    };
    const { request, grantId } = await askForStatsGrant(c.var.stores, ask, c.var.access.clientId, body.reason, c.var.now);
    return c.json({ pending_request: request, grant_id: grantId }, 202);
  })
  .openapi(revoke, async (c) => {
    const after = await revokeStatsGrantNow(c.var.stores, c.req.valid('param').id, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    return c.json(statsGrantOut(after.grant, after.spentMicro), 200);
  })
  .openapi(requests, async (c) => c.json({ requests: (await statsRequests(c.var.stores, c.req.valid('query').status)).map(statsRequestOut) }, 200))
  .openapi(approve, async (c) => {
    const request = await approveStatsRequestById(c.var.stores, c.req.valid('param').id, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    return c.json(statsRequestOut(request), 200);
  })
  .openapi(reject, async (c) => {
    const request = await rejectStatsRequestById(c.var.stores, c.req.valid('param').id, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    return c.json(statsRequestOut(request), 200);
  })
  .openapi(ledger, async (c) =>
    c.json(
      {
        ledgers: (await budgetLedgers(c.var.stores)).map((l) => ({
          consumer: l.consumer,
          purpose: l.purpose,
          spent: formatEpsilon(l.spentMicro),
          spends: l.spends,
          last_spend_at: l.lastAt === null ? null : iso(l.lastAt),
        })),
      },
      200,
    ),
  )
  .openapi(releases, async (c) =>
    c.json(
      {
        releases: (await releaseRegister(c.var.stores, c.req.valid('query').limit)).map((r) => ({
          id: r.id,
          consumer: r.consumer,
          purpose: r.purpose,
          grant_id: r.grantId,
          client_id: r.clientId,
          table: r.table,
          parameters: r.params,
          protection: r.protection,
          cells: r.cells,
          withheld: r.withheld,
          response_hash: r.responseHash,
          log_index: r.logIndex,
          created_at: iso(r.createdAt),
        })),
      },
      200,
    ),
  )
  .openapi(preview, async (c) => {
    const { doc, def, query } = await previewPublicTier(c.var.stores, c.req.valid('param').table, c.req.valid('query'), c.var.access.clientId, c.var.now);
    return presentRelease(c, doc, def, query);
  })
  .openapi(places, async (c) => {
    const body = c.req.valid('json');
    const codes = await replacePlaces(c.var.stores, body.codes, c.var.access.clientId, body.reason, c.var.now);
    return c.json({ codes }, 200);
  });
