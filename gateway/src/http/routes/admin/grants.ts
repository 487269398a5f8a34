import { createRoute, z } from '@hono/zod-openapi';
import { GRANT_STATUSES, type GrantOperation } from '@need2know/policy';
import type { Context } from 'hono';
import { changeGrant } from '../../../services/grants/change-grant.js';
import { createGrant } from '../../../services/grants/create-grant.js';
import { listGrantsWithRequests, openGrantRequests, readGrant } from '../../../services/grants/read-grants.js';
import type { AppEnv } from '../../app-env.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Grant, GrantCreate, GrantRequest, normalisedScope, ReasonBody, ScopeChange, Slug, WindowChange } from './schemas.js';
import { grantOut, requestOut } from './serialize.js';

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
const get = createRoute({
  method: 'get',
  path: '/grants/{id}',
  tags: ['admin'],
  summary: 'Read a grant and its requests',
  security: adminSecurity,
  request: { params: z.object({ id: GrantId }) },
  responses: { 200: jsonOk(Grant, 'The grant'), ...adminProblems },
});
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
function operationRoute<S extends typeof WindowChange | typeof ReasonBody | typeof ScopeChange>(path: string, summary: string, body: S, withRequest = false) {
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
const scope = operationRoute(
  '/grants/{id}/scope',
  "Change the grant's row scope: a narrower one applies at once, a wider one waits for a second officer; never beyond the purpose's (403 `row_scope_beyond_purpose`)",
  ScopeChange,
);
const revoke = operationRoute('/grants/{id}/revoke', 'Revoke the grant for good (at once)', ReasonBody);
const approve = operationRoute('/grants/{id}/requests/{request_id}/approve', "Approve another officer's request", ReasonBody, true);
const reject = operationRoute('/grants/{id}/requests/{request_id}/reject', 'Reject (or, as its requester, withdraw) a request', ReasonBody, true);

export const grantRoutes = adminRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const grants = await listGrantsWithRequests(c.var.stores, {
      ...(q.purpose_id === undefined ? {} : { purposeId: q.purpose_id }),
      ...(q.agency_id === undefined ? {} : { agencyId: q.agency_id }),
      ...(q.status === undefined ? {} : { status: q.status }),
    });
    return c.json({ grants: grants.map((g) => grantOut(g.grant, g.requests, c.var.now)) }, 200);
  })
  .openapi(get, async (c) => {
    const { grant, requests } = await readGrant(c.var.stores, c.req.valid('param').id);
    return c.json(grantOut(grant, requests, c.var.now), 200);
  })
  .openapi(pending, async (c) => c.json({ requests: (await openGrantRequests(c.var.stores)).map(requestOut) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const asked = {
      purposeId: body.purpose_id,
      agencyId: body.agency_id,
      notBefore: seconds(body.not_before),
      notAfter: seconds(body.not_after),
      dataLifeSeconds: body.data_life_seconds,
      unblurredMedia: body.unblurred_media,
      sensitiveCases: body.sensitive_cases,
      note: body.note,
      ...(body.record_ids === undefined ? {} : { recordIds: body.record_ids }),
      ...(body.row_scope === undefined ? {} : { rowScope: normalisedScope(body.row_scope) }),
    };
    const { grant, requests } = await createGrant(c.var.stores, asked, c.var.access.clientId, c.var.now);
    return c.json(grantOut(grant, requests, c.var.now), 201);
  })
  .openapi(extend, async (c) =>
    c.json(await operate(c, c.req.valid('param').id, { op: 'extend', notAfter: seconds(c.req.valid('json').not_after) }, c.req.valid('json').reason), 200),
  )
  .openapi(shorten, async (c) =>
    c.json(await operate(c, c.req.valid('param').id, { op: 'shorten', notAfter: seconds(c.req.valid('json').not_after) }, c.req.valid('json').reason), 200),
  )
  .openapi(suspend, async (c) => c.json(await operate(c, c.req.valid('param').id, { op: 'suspend' }, c.req.valid('json').reason), 200))
  .openapi(resume, async (c) => c.json(await operate(c, c.req.valid('param').id, { op: 'resume' }, c.req.valid('json').reason), 200))
  .openapi(scope, async (c) =>
    c.json(
      await operate(
        c,
        c.req.valid('param').id,
        { op: 'scope', rowScope: normalisedScope(c.req.valid('json').row_scope), purposeScope: null },
        c.req.valid('json').reason,
      ),
      200,
    ),
  )
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
  const { grant, requests } = await changeGrant(c.var.stores, id, operation, c.var.access.clientId, reason, c.var.now);
  return grantOut(grant, requests, c.var.now);
}
