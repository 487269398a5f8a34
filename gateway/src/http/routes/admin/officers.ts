import { createRoute, z } from '@hono/zod-openapi';
import { Problem } from '../../../platform/errors/problem.js';
import { randomToken } from '../../../platform/lib/random.js';
import { officerStatusAfter, voidsOpenCodes } from '@need2know/policy';
import { NEW_CLIENT } from '@need2know/policy';
import { commitChange } from '../../../store/d1/admin-events.js';
import { getAgency } from '../../../store/d1/agencies.js';
import { getClient, insertClient, listClients, updateClient, type Client as StoredClient } from '../../../store/d1/clients.js';
import { listAdminRequests } from '../../../store/d1/admin-requests.js';
import { latestCode, voidCodes } from '../../../store/d1/enrolment-codes.js';
import { openAdminRequest } from './admin-requests-apply.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Slug } from './schemas.js';
import { iso } from './serialize.js';

const OfficerCreate = z
  .object({ id: Slug.openapi({ example: 'moh-officer-0042', description: "The officer's identifier, shown in every watermark" }), agency_id: Slug, name: z.string().trim().min(1).max(200), reason: z.string().trim().max(500).default('') })
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
  pending_requests: z.array(z.string()).openapi({ description: 'The request this call opened: once a second privacy officer approves it, the enrolment code is shown to that officer' }),
}).openapi('OfficerChange');

const IdParam = z.object({ id: Slug });

async function officerOut(db: D1Database, c: StoredClient, now: number) {
  const code = await latestCode(db, c.id);
  return {
    id: c.id,
    agency_id: c.agencyId,
    name: c.name,
    status: c.status,
    enrolled: c.signingJwks.keys.length > 0,
    code_expires_at: code !== null && code.status === 'open' && code.expiresAt > now ? iso(code.expiresAt) : null,
    created_at: iso(c.createdAt),
  };
}

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
  description: 'Opens an `officer.rekey` request. The status is left as it is: a suspended officer who enrols a new device stays suspended until a re-activation is approved.',
  security: adminSecurity,
  request: { params: IdParam, ...jsonBody(z.object({ reason: z.string().trim().max(500).default('') }).strict()) },
  responses: { 200: jsonOk(OfficerChange, 'Old keys and codes void; a new code waits for a second officer'), ...adminProblems },
});

export const officerRoutes = adminRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const officers = await listClients(c.env.DB, { kind: 'officer', ...(q.agency_id === undefined ? {} : { agencyId: q.agency_id }) });
    return c.json({ officers: await Promise.all(officers.map((o) => officerOut(c.env.DB, o, c.var.now))) }, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    if ((await getAgency(c.env.DB, body.agency_id)) === null) {
      throw new Problem(400, 'validation_failed', 'The officer is not valid.', { issues: [{ path: 'agency_id', code: 'unknown_agency', message: 'no such agency' }] });
    }
    const now = c.var.now;
    const actor = c.var.access.clientId;
    // No keys and no code: the officer can do nothing until a second officer approves and the
    // viewer enrols with the code that approval hands out.
    const officer: StoredClient = { id: body.id, kind: 'officer', agencyId: body.agency_id, name: body.name, signingJwks: { keys: [] }, encryptionJwk: null, ingestTypes: [], roles: [], status: NEW_CLIENT.status, etag: randomToken(), createdAt: now, updatedAt: now };
    const outcome = await commitChange(c.env.DB, [insertClient(c.env.DB, officer)], { at: now, actor, action: 'officer.create', targetType: 'client', targetId: officer.id, detail: { agency: officer.agencyId, reason: body.reason } });
    if (!outcome.ok) throw new Problem(409, 'conflict', 'A client with this id exists.');
    const request = await openAdminRequest(c.env.DB, 'officer.create', 'client', officer.id, { etag: officer.etag }, actor, body.reason === '' ? 'new officer' : body.reason, now);
    return c.json({ ...(await officerOut(c.env.DB, officer, now)), pending_requests: [request] }, 201);
  })
  .openapi(reissue, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const current = await getClient(c.env.DB, id);
    if (current === null || current.kind !== 'officer') throw new Problem(404, 'not_found');
    const now = c.var.now;
    const actor = c.var.access.clientId;
    // One open request hands out the code: the registration's, or a new device's.
    if ((await listAdminRequests(c.env.DB, { targetId: id })).some((r) => r.kind === 'officer.create' || r.kind === 'officer.rekey')) {
      throw new Problem(409, 'conflict', 'A request that hands out a code to this officer is already waiting for approval; decide that one first.');
    }
    // Dropping the old keys and codes narrows access and applies at once; the new code widens it
    // and waits for a second officer.
    const next: StoredClient = { ...current, signingJwks: { keys: [] }, encryptionJwk: null, status: officerStatusAfter(current.status, 'new_device_requested'), etag: randomToken(), updatedAt: now };
    const outcome = await commitChange(c.env.DB, [updateClient(c.env.DB, next, current.etag), ...(voidsOpenCodes('new_device_requested') ? [voidCodes(c.env.DB, id)] : [])], { at: now, actor, action: 'officer.reissue_code', targetType: 'client', targetId: id, detail: { reason } }, { table: 'clients', id, etag: next.etag });
    if (!outcome.ok) throw new Problem(409, 'conflict', 'The officer changed meanwhile; try again.');
    const request = await openAdminRequest(c.env.DB, 'officer.rekey', 'client', id, { etag: next.etag }, actor, reason === '' ? 'new device' : reason, now);
    return c.json({ ...(await officerOut(c.env.DB, next, now)), pending_requests: [request] }, 200);
  });
