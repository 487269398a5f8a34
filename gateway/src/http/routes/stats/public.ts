import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { listedTables, releaseToPublic } from '../../../services/stats/releases.js';
import { validationHook } from '../validation-hook.js';
import { presentRelease } from './respond.js';
import { releaseResponses, StatsQuerySchema, statsProblems, TableList, TableName } from './schemas.js';

const tables = createRoute({
  method: 'get',
  path: '/stats/tables',
  tags: ['stats'],
  summary: 'The statistical tables, their dimensions and whether each is open to the public',
  responses: { 200: { description: 'Tables', content: { 'application/json': { schema: TableList } } }, ...statsProblems },
});

const publicRelease = createRoute({
  method: 'get',
  path: '/stats/public/{table}',
  tags: ['stats'],
  summary:
    'A table for anyone, without authentication, once a privacy officer (and a second one) opened its public tier; protected as the tier says (threshold 10 by default)',
  request: { params: z.object({ table: TableName }), query: StatsQuerySchema },
  responses: releaseResponses,
});

/** `/v1/stats/tables` and `/v1/stats/public/{table}`: what anyone may read. */
export const publicStatsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(tables, async (c) => c.json({ tables: await listedTables(c.var.stores) }, 200))
  .openapi(publicRelease, async (c) => {
    const { doc, def, query } = await releaseToPublic(c.var.stores, c.req.valid('param').table, c.req.valid('query'), c.var.now);
    return presentRelease(c, doc, def, query);
  });
