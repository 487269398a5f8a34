import { createRoute, z } from '@hono/zod-openapi';
import { listRegisteredAgencies, registerAgency } from '../../../services/registry/agencies.js';
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
  .openapi(list, async (c) => c.json({ agencies: (await listRegisteredAgencies(c.var.stores)).map(agencyOut) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const agency = await registerAgency(c.var.stores, { id: body.id, name: body.name, nameKm: body.name_km ?? null }, c.var.access.clientId, c.var.now);
    return c.json(agencyOut(agency), 201);
  });
