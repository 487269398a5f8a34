import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { STATS_TABLE_DEFS } from '../../../services/stats/catalogue.js';
import { resolveQuery, StatsQuerySchema } from '../../../services/stats/query.js';
import { releaseTable } from '../../../services/stats/run.js';
import { statsGrantInForce } from '../../../services/stats/grant-in-force.js';
import { validationHook } from '../validation-hook.js';
import { presentRelease } from './respond.js';
import { releaseResponses, TableName } from './schemas.js';

const release = createRoute({
  method: 'get',
  path: '/stats/tables/{table}',
  tags: ['stats'],
  summary: 'A table for an agency under a statistics grant (`stats_access` token): protected at the threshold, and with the protections and ε, the grant allows; differential privacy spends from the agency’s budget for the purpose',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('stats_access')] as const,
  request: { params: z.object({ table: TableName }), query: StatsQuerySchema },
  responses: releaseResponses,
});

/** `/v1/stats/tables/{table}`: releases to agencies holding a statistics grant. */
export const partnerStatsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(release, async (c) => {
  const { table } = c.req.valid('param');
  const access = c.var.access;
  const granted = access.statsAccess;
  if (!granted.tables.includes(table)) throw new Problem(403, 'insufficient_scope', 'This token does not open this table.');
  // The grant as it stands now: revoking or suspending it takes effect at once.
  const grant = await statsGrantInForce(c.env.DB, granted.grant, access.agencyId, c.var.now);
  if (grant === null) throw new Problem(401, 'invalid_token');
  const tableAccess = grant.tables[table];
  if (tableAccess === undefined) throw new Problem(403, 'insufficient_scope', 'The grant no longer opens this table.');
  const def = STATS_TABLE_DEFS[table];
  const resolved = resolveQuery(def, c.req.valid('query'));
  if (!resolved.ok) throw new Problem(400, 'validation_failed', 'The parameters do not fit this table.', { issues: resolved.issues });
  const doc = await releaseTable(c.env, {
    consumer: { kind: 'agency', agencyId: access.agencyId, clientId: access.clientId, purpose: grant.purpose, grantId: grant.id },
    def,
    query: resolved.query,
    access: tableAccess,
    budgetMicro: grant.epsilonBudgetMicro,
    now: c.var.now,
  });
  return presentRelease(c, doc, def, resolved.query);
});
