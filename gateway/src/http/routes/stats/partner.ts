import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { releaseUnderGrant } from '../../../services/stats/releases.js';
import { validationHook } from '../validation-hook.js';
import { presentRelease } from './respond.js';
import { releaseResponses, StatsQuerySchema, TableName } from './schemas.js';

const release = createRoute({
  method: 'get',
  path: '/stats/tables/{table}',
  tags: ['stats'],
  summary:
    'A table for an agency under a statistics grant (`stats_access` token): protected at the threshold, and with the protections and ε, the grant allows; differential privacy spends from the agency’s budget for the purpose',
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
  const holder = { grantId: granted.grant, agencyId: access.agencyId, clientId: access.clientId };
  const { doc, def, query } = await releaseUnderGrant(c.var.stores, holder, table, c.req.valid('query'), c.var.now);
  return presentRelease(c, doc, def, query);
});
