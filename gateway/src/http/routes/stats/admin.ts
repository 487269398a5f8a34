import { createRoute, z } from '@hono/zod-openapi';
import { formatEpsilon, MAX_EPSILON_MICRO } from '@need2know/stats';
import { Problem, type ProblemIssue } from '../../../platform/errors/problem.js';
import { newId } from '../../../platform/lib/random.js';
import { commitChange } from '../../../store/d1/admin-events.js';
import { getAgency } from '../../../store/d1/agencies.js';
import { applyPublicSetting, approveStatsRequest, grantPayload, openStatsRequest, publicPayload, rejectStatsRequest, revokeStatsGrant } from '../../../services/stats/changes.js';
import { MAX_GAZETTEER_CODES, PUBLIC_CONSUMER } from '../../../services/stats/config.js';
import { publicSettingIssues, publicWidenings, thresholdIssue, type TableAccess } from '@need2know/policy';
import { getStatsGrant, listStatsGrants } from '../../../store/d1/stats/grants.js';
import { listLedgers, spentMicro } from '../../../store/d1/stats/ledger.js';
import { replaceGazetteer } from '../../../store/d1/stats/places.js';
import { getPublicSetting, listPublicSettings } from '../../../store/d1/stats/public-settings.js';
import { listReleases } from '../../../store/d1/stats/releases.js';
import { getStatsRequest, listStatsRequests } from '../../../store/d1/stats/requests.js';
import { STATS_TABLE_DEFS } from '../../../services/stats/catalogue.js';
import { resolveQuery, StatsQuerySchema } from '../../../services/stats/query.js';
import { releaseTable } from '../../../services/stats/run.js';
import { presentRelease } from './respond.js';
import { adminRouter, adminSecurity } from '../admin/app.js';
import { adminProblems, jsonBody, jsonOk } from '../admin/responses.js';
import { MAX_WINDOW_SECONDS, ReasonBody } from '../admin/schemas.js';
import { iso } from '../admin/serialize.js';
import { MAX_BUDGET_MICRO, micro, PublicSettingIn, PublicSettingOut, publicSettingOut, StatsGrantCreate, StatsGrantOut, statsGrantOut, StatsRequestOut, statsRequestOut } from './admin-schemas.js';
import { releaseResponses, TableName } from './schemas.js';

const seconds = (datetime: string) => Math.floor(Date.parse(datetime) / 1000);
const GrantId = z.object({ id: z.string().regex(/^sgr_[A-Za-z0-9_-]{16}$/) });
const RequestId = z.object({ id: z.string().regex(/^sreq_[A-Za-z0-9_-]{16}$/) });
const tags = ['admin: statistics'];
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ ...r, tags, security: adminSecurity });

const tables = route({ method: 'get', path: '/stats/tables', summary: 'The public tier of every statistical table, and what it has spent', responses: { 200: jsonOk(z.object({ tables: z.array(PublicSettingOut) }), 'Settings'), ...adminProblems } });
const setPublic = route({
  method: 'put',
  path: '/stats/tables/{table}/public',
  summary: 'Set a table’s public tier: narrowing applies at once (200); turning it on, lowering the threshold, adding differential privacy or raising ε or the budget waits for a second officer (202)',
  request: { params: z.object({ table: TableName }), ...jsonBody(PublicSettingIn) },
  responses: { 200: jsonOk(PublicSettingOut, 'Applied'), 202: jsonOk(z.object({ pending_request: z.string(), widenings: z.array(z.string()) }), 'Waiting for approval'), ...adminProblems },
});
const grants = route({ method: 'get', path: '/stats/grants', summary: 'Statistics grants, newest first, with the ε each agency has spent under its purpose', responses: { 200: jsonOk(z.object({ grants: z.array(StatsGrantOut) }), 'Grants'), ...adminProblems } });
const createGrant = route({
  method: 'post',
  path: '/stats/grants',
  summary: 'Ask for a statistics grant (tables, thresholds, protections, ε budget, window); it exists once a second officer approves',
  request: jsonBody(StatsGrantCreate),
  responses: { 202: jsonOk(z.object({ pending_request: z.string(), grant_id: z.string() }), 'Waiting for approval'), ...adminProblems },
});
const revoke = route({ method: 'post', path: '/stats/grants/{id}/revoke', summary: 'Revoke a statistics grant at once', request: { params: GrantId, ...jsonBody(ReasonBody) }, responses: { 200: jsonOk(StatsGrantOut, 'Revoked'), ...adminProblems } });
const requests = route({
  method: 'get',
  path: '/stats/requests',
  summary: 'Statistics changes waiting for a second officer',
  request: { query: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'withdrawn', 'all']).default('pending') }) },
  responses: { 200: jsonOk(z.object({ requests: z.array(StatsRequestOut) }), 'Requests'), ...adminProblems },
});
const approve = route({ method: 'post', path: '/stats/requests/{id}/approve', summary: "Approve another officer's statistics change", request: { params: RequestId, ...jsonBody(ReasonBody) }, responses: { 200: jsonOk(StatsRequestOut, 'Approved and applied'), ...adminProblems } });
const reject = route({ method: 'post', path: '/stats/requests/{id}/reject', summary: 'Reject (or, as its requester, withdraw) a statistics change', request: { params: RequestId, ...jsonBody(ReasonBody) }, responses: { 200: jsonOk(StatsRequestOut, 'Closed'), ...adminProblems } });
const ledger = route({
  method: 'get',
  path: '/stats/ledger',
  summary: 'The privacy-budget ledger: ε spent per consumer and purpose',
  responses: { 200: jsonOk(z.object({ ledgers: z.array(z.object({ consumer: z.string(), purpose: z.string(), spent: z.string(), spends: z.number(), last_spend_at: z.string().nullable() })) }), 'Ledgers'), ...adminProblems },
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
  request: jsonBody(z.object({ codes: z.array(z.string().regex(/^\d{2}(\d{2}){0,2}$/)).min(1).max(MAX_GAZETTEER_CODES), reason: z.string().trim().max(500).default('') }).strict().openapi('StatsPlaces')),
  responses: { 200: jsonOk(z.object({ codes: z.number() }), 'Replaced'), ...adminProblems },
});

const preview = route({
  method: 'get',
  path: '/stats/tables/{table}/preview',
  summary: 'What the public tier would publish (suppression at its threshold), whether or not it is open: for officers deciding, and for the console’s charts. Logged like every release; spends no budget',
  request: { params: z.object({ table: TableName }), query: StatsQuerySchema },
  responses: releaseResponses,
});

/** ε fields of a request body in millionths, or the issues with them. */
function epsilons(fields: Record<string, { value: string | number; max: number }>): { values: Record<string, number>; issues: ProblemIssue[] } {
  const values: Record<string, number> = {};
  const issues: ProblemIssue[] = [];
  for (const [path, { value, max }] of Object.entries(fields)) {
    const m = micro(value);
    if (m === undefined || m > max) issues.push({ path, code: 'out_of_range', message: `a decimal with at most six decimals, at most ${formatEpsilon(max)}` });
    else values[path] = m;
  }
  return { values, issues };
}

/** `/v1/admin/stats/*`: who gets which tables, the public tier, the ledger and the register. */
export const statsAdminRoutes = adminRouter()
  .openapi(tables, async (c) => {
    const settings = await listPublicSettings(c.env.DB);
    return c.json({ tables: await Promise.all(settings.map(async (s) => publicSettingOut(s, await spentMicro(c.env.DB, PUBLIC_CONSUMER, `public:${s.table}`)))) }, 200);
  })
  .openapi(setPublic, async (c) => {
    const { table } = c.req.valid('param');
    const body = c.req.valid('json');
    const current = await getPublicSetting(c.env.DB, table);
    if (current === null) throw new Problem(404, 'not_found');
    const { values, issues } = epsilons({ max_epsilon: { value: body.max_epsilon, max: MAX_EPSILON_MICRO }, budget: { value: body.budget, max: MAX_BUDGET_MICRO } });
    const proposed = { enabled: body.enabled, threshold: body.threshold, methods: [...new Set(body.methods)], maxEpsilonMicro: values.max_epsilon ?? 0, budgetMicro: values.budget ?? 0 };
    issues.push(...(issues.length === 0 ? publicSettingIssues(proposed) : []));
    if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The setting is not valid.', { issues });
    const widenings = publicWidenings(current, proposed);
    const now = c.var.now;
    if (widenings.length > 0) {
      const request = await openStatsRequest(c.env.DB, 'public.update', table, publicPayload(current, proposed, widenings), c.var.access.clientId, body.reason, now);
      return c.json({ pending_request: request, widenings }, 202);
    }
    const next = await applyPublicSetting(c.env.DB, current, proposed, c.var.access.clientId, body.reason, now);
    return c.json(publicSettingOut(next, await spentMicro(c.env.DB, PUBLIC_CONSUMER, `public:${table}`)), 200);
  })
  .openapi(grants, async (c) => {
    const all = await listStatsGrants(c.env.DB);
    return c.json({ grants: await Promise.all(all.map(async (g) => statsGrantOut(g, await spentMicro(c.env.DB, g.agencyId, g.purpose)))) }, 200);
  })
  .openapi(createGrant, async (c) => {
    const body = c.req.valid('json');
    const fields: Record<string, { value: string | number; max: number }> = { epsilon_budget: { value: body.epsilon_budget, max: MAX_BUDGET_MICRO } };
    for (const [t, a] of Object.entries(body.tables)) fields[`tables.${t}.max_epsilon`] = { value: a.max_epsilon, max: MAX_EPSILON_MICRO };
    const { values, issues } = epsilons(fields);
    const notBefore = seconds(body.not_before);
    const notAfter = seconds(body.not_after);
    if (!(notAfter > notBefore) || notAfter - notBefore > MAX_WINDOW_SECONDS) issues.push({ path: 'not_after', code: 'invalid_window', message: 'after not_before, within five years' });
    if (notAfter <= c.var.now) issues.push({ path: 'not_after', code: 'in_the_past', message: 'the window has already ended' });
    if ((await getAgency(c.env.DB, body.agency_id)) === null) issues.push({ path: 'agency_id', code: 'unknown_agency', message: 'no such agency' });
    const accesses: Record<string, TableAccess> = {};
    for (const [t, a] of Object.entries(body.tables)) {
      const maxEpsilonMicro = values[`tables.${t}.max_epsilon`] ?? 0;
      accesses[t] = { threshold: a.threshold, methods: [...new Set(a.methods)], maxEpsilonMicro };
      const step = thresholdIssue(a.threshold, `tables.${t}.threshold`);
      if (step !== undefined) issues.push(step);
      if (a.methods.includes('dp') && (maxEpsilonMicro <= 0 || maxEpsilonMicro > (values.epsilon_budget ?? 0))) issues.push({ path: `tables.${t}.max_epsilon`, code: 'budget_too_small', message: 'differential privacy needs ε per release, within the budget' });
    }
    if (Object.keys(accesses).length === 0) issues.push({ path: 'tables', code: 'empty', message: 'at least one table' });
    if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The grant is not valid.', { issues });
    const id = newId('sgr');
    const payload = grantPayload({ id, agencyId: body.agency_id, purpose: body.purpose, legalBasis: body.legal_basis, tables: accesses, epsilonBudgetMicro: values.epsilon_budget ?? 0, notBefore, notAfter, requestedBy: c.var.access.clientId });
    const request = await openStatsRequest(c.env.DB, 'grant.create', id, payload, c.var.access.clientId, body.reason, c.var.now);
    return c.json({ pending_request: request, grant_id: id }, 202);
  })
  .openapi(revoke, async (c) => {
    const grant = await getStatsGrant(c.env.DB, c.req.valid('param').id);
    if (grant === null) throw new Problem(404, 'not_found');
    await revokeStatsGrant(c.env.DB, grant, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    const after = await getStatsGrant(c.env.DB, grant.id);
    if (after === null) throw new Problem(404, 'not_found');
    return c.json(statsGrantOut(after, await spentMicro(c.env.DB, after.agencyId, after.purpose)), 200);
  })
  .openapi(requests, async (c) => c.json({ requests: (await listStatsRequests(c.env.DB, c.req.valid('query').status)).map(statsRequestOut) }, 200))
  .openapi(approve, async (c) => {
    const { id } = c.req.valid('param');
    const request = await getStatsRequest(c.env.DB, id);
    if (request === null) throw new Problem(404, 'not_found');
    await approveStatsRequest(c.env.DB, request, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    return c.json(statsRequestOut((await getStatsRequest(c.env.DB, id)) ?? request), 200);
  })
  .openapi(reject, async (c) => {
    const { id } = c.req.valid('param');
    const request = await getStatsRequest(c.env.DB, id);
    if (request === null) throw new Problem(404, 'not_found');
    await rejectStatsRequest(c.env.DB, request, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    return c.json(statsRequestOut((await getStatsRequest(c.env.DB, id)) ?? request), 200);
  })
  .openapi(ledger, async (c) =>
    c.json({ ledgers: (await listLedgers(c.env.DB)).map((l) => ({ consumer: l.consumer, purpose: l.purpose, spent: formatEpsilon(l.spentMicro), spends: l.spends, last_spend_at: l.lastAt === null ? null : iso(l.lastAt) })) }, 200),
  )
  .openapi(releases, async (c) =>
    c.json(
      {
        releases: (await listReleases(c.env.DB, c.req.valid('query').limit)).map((r) => ({
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
    const { table } = c.req.valid('param');
    const setting = await getPublicSetting(c.env.DB, table);
    if (setting === null) throw new Problem(404, 'not_found');
    const def = STATS_TABLE_DEFS[table];
    const resolved = resolveQuery(def, c.req.valid('query'));
    if (!resolved.ok) throw new Problem(400, 'validation_failed', 'The parameters do not fit this table.', { issues: resolved.issues });
    const access = { threshold: setting.threshold, methods: ['suppression' as const], maxEpsilonMicro: 0 };
    const doc = await releaseTable(c.env, { consumer: { kind: 'officer', clientId: c.var.access.clientId }, def, query: resolved.query, access, budgetMicro: 0, now: c.var.now });
    return presentRelease(c, doc, def, resolved.query);
  })
  .openapi(places, async (c) => {
    const body = c.req.valid('json');
    const codes = [...new Set(body.codes)].sort();
    const outcome = await commitChange(c.env.DB, replaceGazetteer(c.env.DB, codes), {
      at: c.var.now,
      actor: c.var.access.clientId,
      action: 'stats.places.replace',
      targetType: 'stats_places',
      targetId: 'gazetteer',
      detail: { codes: codes.length, reason: body.reason },
    });
    if (!outcome.ok) throw new Problem(409, 'conflict');
    return c.json({ codes: codes.length }, 200);
  });
