import { createRoute, z } from '@hono/zod-openapi';
import { askNewDeviceCode, listOfficers, registerOfficer, type OfficerStanding } from '../../../services/registry/officers.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Slug } from './schemas.js';
import { iso } from './serialize.js';

const OfficerCreate = z
  .object({
    id: Slug.openapi({ example: 'moh-officer-0042', description: "The officer's identifier, shown in every watermark" }),
    agency_id: Slug,
    name: z.string().trim().min(1).max(200),
    reason: z.string().trim().max(500).default(''),
  })
  .strict()
  .openapi('OfficerCreate');
const Officer = z
  .object({
    id: z.string(),
    agency_id: z.string(),
    name: z.string(),
    status: z.enum(['active', 'suspended']),
    enrolled: z.boolean().openapi({ description: 'Whether a viewer has registered its keys' }),
    code_expires_at: z.string().nullable().openapi({ description: 'When the open enrolment code expires, if one is open' }),
    created_at: z.string(),
  })
  .openapi('Officer');
const OfficerChange = Officer.extend({
  pending_requests: z
    .array(z.string())
    .openapi({ description: 'The request this call opened: once a second privacy officer approves it, the enrolment code is shown to that officer' }),
}).openapi('OfficerChange');

const IdParam = z.object({ id: Slug });

const officerOut = ({ officer, enrolled, codeExpiresAt }: OfficerStanding) => ({
  id: officer.id,
  agency_id: officer.agencyId,
  name: officer.name,
  status: officer.status,
  enrolled,
  code_expires_at: codeExpiresAt === null ? null : iso(codeExpiresAt),
  created_at: iso(officer.createdAt),
});

const list = createRoute({
  method: 'get',
  path: '/officers',
  tags: ['admin'],
  summary: "List partner agencies' officers and whether their viewers are enrolled",
  security: adminSecurity,
  request: { query: z.object({ agency_id: Slug.optional() }) },
  responses: { 200: jsonOk(z.object({ officers: z.array(Officer) }), 'Officers'), ...adminProblems },
});
const create = createRoute({
  method: 'post',
  path: '/officers',
  tags: ['admin'],
  summary: 'Register an officer; a second privacy officer approves and receives the one-time enrolment code',
  description:
    'Opens an `officer.create` request. Approving it (`POST /requests/{id}/approve`, by another privacy officer) activates the officer and returns the enrolment code, once, to the approver, who hands it over. ' +
    'The officer can do nothing until their viewer enrols with the code (`POST /v1/enrol`) and registers keys it made itself. Suspend an officer with `PATCH /clients/{id}` (this voids any open code).',
  security: adminSecurity,
  request: jsonBody(OfficerCreate),
  responses: { 201: jsonOk(OfficerChange, 'Registered, waiting for a second officer'), ...adminProblems },
});
const reissue = createRoute({
  method: 'post',
  path: '/officers/{id}/enrolment-code',
  tags: ['admin'],
  summary: 'Ask for a new enrolment code (a new device): the old keys and codes stop working at once; the code goes to the second officer who approves',
  description:
    'Opens an `officer.rekey` request. The status is left as it is: a suspended officer who enrols a new device stays suspended until a re-activation is approved.',
  security: adminSecurity,
  request: { params: IdParam, ...jsonBody(z.object({ reason: z.string().trim().max(500).default('') }).strict()) },
  responses: { 200: jsonOk(OfficerChange, 'Old keys and codes void; a new code waits for a second officer'), ...adminProblems },
});

export const officerRoutes = adminRouter()
  .openapi(list, async (c) => c.json({ officers: (await listOfficers(c.var.stores, c.req.valid('query').agency_id, c.var.now)).map(officerOut) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const outcome = await registerOfficer(
      c.var.stores,
      { id: body.id, agencyId: body.agency_id, name: body.name, reason: body.reason },
      c.var.access.clientId,
      c.var.now,
    );
    return c.json({ ...officerOut(outcome), pending_requests: [...outcome.pendingRequests] }, 201);
  })
  .openapi(reissue, async (c) => {
    const outcome = await askNewDeviceCode(c.var.stores, c.req.valid('param').id, c.req.valid('json').reason, c.var.access.clientId, c.var.now);
    return c.json({ ...officerOut(outcome), pending_requests: [...outcome.pendingRequests] }, 200);
  });
