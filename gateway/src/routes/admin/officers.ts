import { createRoute, z } from '@hono/zod-openapi';
import { ENROLMENT_CODE_LIFETIME } from '../../config.js';
import { Problem } from '../../errors/problem.js';
import { randomToken } from '../../lib/random.js';
import { enrolmentCodeHash, newEnrolmentCode, normaliseEnrolmentCode } from '../../officers/enrolment-code.js';
import { commitChange } from '../../storage/admin-events.js';
import { getAgency } from '../../storage/agencies.js';
import { getClient, insertClient, listClients, updateClient, type Client as StoredClient } from '../../storage/clients.js';
import { issueCode, latestCode } from '../../storage/enrolment-codes.js';
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
const CodeIssued = Officer.extend({
  enrolment_code: z.string().openapi({ description: 'Shown once: hand it to the officer. Only its hash is stored.', example: '7QK2M9-4ZT1BC-…' }),
}).openapi('OfficerEnrolmentCode');

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

/** A fresh code for `officerId`: the statements storing its hash, and the code to show once. */
async function freshCode(db: D1Database, officerId: string, actor: string, now: number) {
  const code = newEnrolmentCode();
  const canonical = normaliseEnrolmentCode(code);
  if (canonical === null) throw new Error('a new enrolment code must read back');
  const statements = issueCode(db, { codeHash: await enrolmentCodeHash(canonical), officerId, issuedBy: actor, issuedAt: now, expiresAt: now + ENROLMENT_CODE_LIFETIME });
  return { code, statements };
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
  summary: 'Register an officer and issue a one-time enrolment code for their viewer',
  description: 'The officer can do nothing until their viewer enrols with the code (`POST /v1/enrol`) and registers keys it made itself. Suspend an officer with `PATCH /clients/{id}`.',
  security: adminSecurity,
  request: jsonBody(OfficerCreate),
  responses: { 201: jsonOk(CodeIssued, 'Registered; the code is shown once'), ...adminProblems },
});
const reissue = createRoute({
  method: 'post',
  path: '/officers/{id}/enrolment-code',
  tags: ['admin'],
  summary: 'Issue a new enrolment code (a new device): the old keys and codes stop working at once',
  security: adminSecurity,
  request: { params: IdParam, ...jsonBody(z.object({ reason: z.string().trim().max(500).default('') }).strict()) },
  responses: { 200: jsonOk(CodeIssued, 'A new code, shown once'), ...adminProblems },
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
    // No keys until the viewer enrols: the officer cannot authenticate before then.
    const officer: StoredClient = { id: body.id, kind: 'officer', agencyId: body.agency_id, name: body.name, signingJwks: { keys: [] }, encryptionJwk: null, ingestTypes: [], roles: [], status: 'suspended', etag: randomToken(), createdAt: now, updatedAt: now };
    const { code, statements } = await freshCode(c.env.DB, officer.id, actor, now);
    const outcome = await commitChange(c.env.DB, [insertClient(c.env.DB, officer), ...statements], { at: now, actor, action: 'officer.create', targetType: 'client', targetId: officer.id, detail: { agency: officer.agencyId, reason: body.reason } });
    if (!outcome.ok) throw new Problem(409, 'conflict', 'A client with this id exists.');
    return c.json({ ...(await officerOut(c.env.DB, officer, now)), enrolment_code: code }, 201);
  })
  .openapi(reissue, async (c) => {
    const { id } = c.req.valid('param');
    const current = await getClient(c.env.DB, id);
    if (current === null || current.kind !== 'officer') throw new Problem(404, 'not_found');
    const now = c.var.now;
    const actor = c.var.access.clientId;
    const next: StoredClient = { ...current, signingJwks: { keys: [] }, encryptionJwk: null, status: 'suspended', etag: randomToken(), updatedAt: now };
    const { code, statements } = await freshCode(c.env.DB, id, actor, now);
    const outcome = await commitChange(c.env.DB, [updateClient(c.env.DB, next, current.etag), ...statements], { at: now, actor, action: 'officer.reissue_code', targetType: 'client', targetId: id, detail: { reason: c.req.valid('json').reason } }, { table: 'clients', id, etag: next.etag });
    if (!outcome.ok) throw new Problem(409, 'conflict', 'The officer changed meanwhile; try again.');
    return c.json({ ...(await officerOut(c.env.DB, next, now)), enrolment_code: code }, 200);
  });
