import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { STATS_TABLE_DEFS, STATS_TABLES } from '../../../services/stats/catalogue.js';
import { resolveQuery, StatsQuerySchema } from '../../../services/stats/query.js';
import { releaseTable } from '../../../services/stats/run.js';
import { getPublicSetting, listPublicSettings } from '../../../store/d1/stats/public-settings.js';
import { validationHook } from '../validation-hook.js';
import { presentRelease } from './respond.js';
import { releaseResponses, statsProblems, TableList, TableName } from './schemas.js';

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
  summary: 'A table for anyone, without authentication, once a privacy officer (and a second one) opened its public tier; protected as the tier says (threshold 10 by default)',
  request: { params: z.object({ table: TableName }), query: StatsQuerySchema },
  responses: releaseResponses,
});

/** `/v1/stats/tables` and `/v1/stats/public/{table}`: what anyone may read. */
export const publicStatsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(tables, async (c) => {
    const settings = new Map((await listPublicSettings(c.env.DB)).map((s) => [s.table, s]));
    return c.json(
      {
        tables: STATS_TABLES.map((name) => {
          const def = STATS_TABLE_DEFS[name];
          const s = settings.get(name);
          return {
            table: name,
            title: def.title,
            description: def.description,
            dimensions: def.dimensions.map((d) => d.name),
            public: { enabled: s?.enabled ?? false, threshold: s?.threshold ?? 0, methods: [...(s?.methods ?? [])] },
          };
        }),
      },
      200,
    );
  })
  .openapi(publicRelease, async (c) => {
    const { table } = c.req.valid('param');
    const def = STATS_TABLE_DEFS[table];
    const setting = await getPublicSetting(c.env.DB, table);
    if (setting === null || !setting.enabled) throw new Problem(404, 'not_found', 'This table is not published.');
    const input = c.req.valid('query');
    // The public tier's ε and bound are the tier's own: letting callers vary them would let anyone
    // spend the public budget by asking the same question many slightly different ways.
    if (input.epsilon !== undefined || input.bound !== undefined) throw new Problem(400, 'validation_failed', 'The public tier sets ε and the bound itself.', { issues: [{ path: input.epsilon === undefined ? 'bound' : 'epsilon', code: 'not_applicable', message: 'set by the public tier' }] });
    const resolved = resolveQuery(def, input);
    if (!resolved.ok) throw new Problem(400, 'validation_failed', 'The parameters do not fit this table.', { issues: resolved.issues });
    const doc = await releaseTable(c.env, { consumer: { kind: 'public' }, def, query: resolved.query, access: setting, budgetMicro: setting.budgetMicro, now: c.var.now });
    return presentRelease(c, doc, def, resolved.query);
  });
