import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { newId, randomToken } from '../../../platform/lib/random.js';
import type { GrantOperation } from '@need2know/policy';
import { GRANT_STATUSES, type Grant as StoredGrant } from '@need2know/policy';
import { commitChange } from '../../../store/d1/admin-events.js';
import { getAgency } from '../../../store/d1/agencies.js';
import { getGrant, insertGrant, insertRequest, listGrants, pendingRequests, requestsFor } from '../../../store/d1/grants.js';
import { getPurpose } from '../../../store/d1/purposes.js';
import { adminRouter, adminSecurity } from './app.js';
import { shredGrantKeys } from '../../../services/delivery/shred.js';
import { runGrantOperation } from './grant-operations.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Grant, GrantCreate, GrantRequest, ReasonBody, Slug, WindowChange } from './schemas.js';
import { grantOut, requestOut } from './serialize.js';
import { grantCreationIssues } from '@need2know/policy';

const seconds = (datetime: string) => Math.floor(Date.parse(datetime) / 1000);
const GrantId = z.string().regex(/^grt_[A-Za-z0-9_-]{16}$/);
const RequestId = z.string().regex(/^req_[A-Za-z0-9_-]{16}$/);

const list = createRoute({
  method: 'get',
  path: '/grants',
  tags: ['admin'],
  summary: 'List grants, newest first',
  security: adminSecurity,
  request: { query: z.object({ purpose_id: Slug.optional(), agency_id: Slug.optional(), status: z.enum(GRANT_STATUSES).optional() }) },
  responses: { 200: jsonOk(z.object({ grants: z.array(Grant) }), 'Grants'), ...adminProblems },
});
const get = createRoute({ method: 'get', path: '/grants/{id}', tags: ['admin'], summary: 'Read a grant and its requests', security: adminSecurity, request: { params: z.object({ id: GrantId }) }, responses: { 200: jsonOk(Grant, 'The grant'), ...adminProblems } });
const pending = createRoute({
  method: 'get',
  path: '/grant-requests',
  tags: ['admin'],
  summary: 'Changes waiting for a second privacy officer',
  security: adminSecurity,
  responses: { 200: jsonOk(z.object({ requests: z.array(GrantRequest) }), 'Open requests'), ...adminProblems },
});
const create = createRoute({
  method: 'post',
  path: '/grants',
  tags: ['admin'],
  summary: 'Request a grant: a purpose for an agency inside a window (needs a second officer to approve)',
  security: adminSecurity,
  request: jsonBody(GrantCreate),
  responses: { 201: jsonOk(Grant, 'Created, waiting for approval'), ...adminProblems },
});

/** One POST route per operation on a grant. */
function operationRoute<S extends typeof WindowChange | typeof ReasonBody>(path: string, summary: string, body: S, withRequest = false) {
  return createRoute({
    method: 'post',
    path,
    tags: ['admin'],
    summary,
    security: adminSecurity,
    request: { params: withRequest ? z.object({ id: GrantId, request_id: RequestId }) : z.object({ id: GrantId }), ...jsonBody(body) },
    responses: { 200: jsonOk(Grant, 'The grant after the change'), ...adminProblems },
  });
}

const extend = operationRoute('/grants/{id}/extend', 'Ask to extend the window (needs approval)', WindowChange);
const shorten = operationRoute('/grants/{id}/shorten', 'Shorten the window (at once)', WindowChange);
const suspend = operationRoute('/grants/{id}/suspend', 'Suspend the grant (at once; live tokens stop working)', ReasonBody);
const resume = operationRoute('/grants/{id}/resume', 'Ask to resume a suspended grant (needs approval)', ReasonBody);
const revoke = operationRoute('/grants/{id}/revoke', 'Revoke the grant for good (at once)', ReasonBody);
const approve = operationRoute('/grants/{id}/requests/{request_id}/approve', "Approve another officer's request", ReasonBody, true);
const reject = operationRoute('/grants/{id}/requests/{request_id}/reject', 'Reject (or, as its requester, withdraw) a request', ReasonBody, true);

export const grantRoutes = adminRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const grants = await listGrants(c.env.DB, {
      ...(q.purpose_id === undefined ? {} : { purposeId: q.purpose_id }),
      ...(q.agency_id === undefined ? {} : { agencyId: q.agency_id }),
      ...(q.status === undefined ? {} : { status: q.status }),
    });
    const out = await Promise.all(grants.map(async (g) => grantOut(g, await requestsFor(c.env.DB, g.id), c.var.now)));
    return c.json({ grants: out }, 200);
  })
  .openapi(get, async (c) => {
    const grant = await getGrant(c.env.DB, c.req.valid('param').id);
    if (grant === null) throw new Problem(404, 'not_found');
    return c.json(grantOut(grant, await requestsFor(c.env.DB, grant.id), c.var.now), 200);
  })
  .openapi(pending, async (c) => c.json({ requests: (await pendingRequests(c.env.DB)).map(requestOut) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const now = c.var.now;
    const notBefore = seconds(body.not_before);
    const notAfter = seconds(body.not_after);
    const purpose = await getPurpose(c.env.DB, body.purpose_id);
    const agencyKnown = (await getAgency(c.env.DB, body.agency_id)) !== null;
    const proposal = { agencyId: body.agency_id, notBefore, notAfter, dataLifeSeconds: body.data_life_seconds, unblurredMedia: body.unblurred_media, sensitiveCases: body.sensitive_cases };
    const issues = grantCreationIssues(proposal, purpose, agencyKnown, now);
    if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The grant is not valid.', { issues });

    const actor = c.var.access.clientId;
    const grant: StoredGrant = {
      id: newId('grt'),
      purposeId: body.purpose_id,
      agencyId: body.agency_id,
      notBefore,
      notAfter,
      dataLife: body.data_life_seconds,
      recordIds: body.record_ids === undefined ? null : [...new Set(body.record_ids)],
      mediaUnblurred: body.unblurred_media,
      sensitiveCases: body.sensitive_cases,
      leadershipApprovals: [],
      leadershipApprovers: [],
      status: 'pending',
      note: body.note,
      version: 1,
      etag: randomToken(),
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    };
    const request = { id: newId('req'), grantId: grant.id, action: 'activate' as const, newNotAfter: null, requestedBy: actor, requestedAt: now, reason: body.note, status: 'pending' as const, decidedBy: null, decidedAt: null };
    const outcome = await commitChange(c.env.DB, [insertGrant(c.env.DB, grant), insertRequest(c.env.DB, request)], {
      at: now,
      actor,
      action: 'grant.create',
      targetType: 'grant',
      targetId: grant.id,
      detail: { purpose: grant.purposeId, agency: grant.agencyId, not_before: notBefore, not_after: notAfter, data_life: grant.dataLife, record_ids: grant.recordIds?.length ?? null, unblurred_media: grant.mediaUnblurred, sensitive_cases: grant.sensitiveCases, request: request.id },
    });
    if (!outcome.ok) throw new Problem(409, 'conflict');
    return c.json(grantOut(grant, [request], now), 201);
  })
  .openapi(extend, async (c) => c.json(await operate(c, c.req.valid('param').id, { op: 'extend', notAfter: seconds(c.req.valid('json').not_after) }, c.req.valid('json').reason), 200))
  .openapi(shorten, async (c) => c.json(await operate(c, c.req.valid('param').id, { op: 'shorten', notAfter: seconds(c.req.valid('json').not_after) }, c.req.valid('json').reason), 200))
  .openapi(suspend, async (c) => c.json(await operate(c, c.req.valid('param').id, { op: 'suspend' }, c.req.valid('json').reason), 200))
  .openapi(resume, async (c) => c.json(await operate(c, c.req.valid('param').id, { op: 'resume' }, c.req.valid('json').reason), 200))
  .openapi(revoke, async (c) => c.json(await operate(c, c.req.valid('param').id, { op: 'revoke' }, c.req.valid('json').reason), 200))
  .openapi(approve, async (c) => {
    const { id, request_id } = c.req.valid('param') as { id: string; request_id: string };
    return c.json(await operate(c, id, { op: 'approve', requestId: request_id }, c.req.valid('json').reason), 200);
  })
  .openapi(reject, async (c) => {
    const { id, request_id } = c.req.valid('param') as { id: string; request_id: string };
    return c.json(await operate(c, id, { op: 'reject', requestId: request_id }, c.req.valid('json').reason), 200);
  });

/** Runs `operation` on grant `id` as the calling privacy officer and returns the grant as the API shows it. */
async function operate(c: Context<AppEnv>, id: string, operation: GrantOperation, reason: string) {
  const grant = await runGrantOperation(c.env.DB, id, operation, c.var.access.clientId, reason, c.var.now);
  // Revocation ends disclosure cryptographically at once; the scheduled job retries if this fails.
  if (grant.status === 'revoked') await shredGrantKeys(c.env, id, c.var.now, c.var.access.clientId).catch((err: unknown) => console.error('shredding viewer keys failed; housekeeping will retry', err));
  return grantOut(grant, await requestsFor(c.env.DB, id), c.var.now);
}
