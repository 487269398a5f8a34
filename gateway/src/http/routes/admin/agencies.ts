import { createRoute, z } from '@hono/zod-openapi';
import { Problem } from '../../../platform/errors/problem.js';
import { commitChange } from '../../../store/d1/admin-events.js';
import { getAgency, insertAgency, listAgencies } from '../../../store/d1/agencies.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Agency, AgencyCreate } from './schemas.js';
import { agencyOut } from './serialize.js';

const list = createRoute({
  method: 'get',
  path: '/agencies',
  tags: ['admin'],
  summary: 'List agencies',
  security: adminSecurity,
  responses: { 200: jsonOk(z.object({ agencies: z.array(Agency) }), 'Agencies'), ...adminProblems },
});

const create = createRoute({
  method: 'post',
  path: '/agencies',
  tags: ['admin'],
  summary: 'Register an agency',
  security: adminSecurity,
  request: jsonBody(AgencyCreate),
  responses: { 201: jsonOk(Agency, 'Created'), ...adminProblems },
});

export const agencyRoutes = adminRouter()
  .openapi(list, async (c) => c.json({ agencies: (await listAgencies(c.env.DB)).map(agencyOut) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const now = c.var.now;
    const agency = { id: body.id, name: body.name, nameKm: body.name_km ?? null, createdAt: now };
    const outcome = await commitChange(c.env.DB, [insertAgency(c.env.DB, agency)], {
      at: now,
      actor: c.var.access.clientId,
      action: 'agency.create',
      targetType: 'agency',
      targetId: agency.id,
      detail: { name: agency.name },
    });
    if (!outcome.ok) throw new Problem(409, 'conflict', 'An agency with this id exists.');
    const stored = await getAgency(c.env.DB, agency.id);
    if (stored === null) throw new Problem(409, 'conflict');
    return c.json(agencyOut(stored), 201);
  });
