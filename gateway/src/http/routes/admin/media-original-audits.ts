import { createRoute, z } from '@hono/zod-openapi';
import { originalAuditState, type OriginalAuditRequest } from '@need2know/policy';
import { approveOriginalAudit, closeOriginalAudit, listOriginalAudits, requestOriginalAudit } from '../../../services/media/original-audits.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { ProblemSchema, ReasonBody } from './schemas.js';
import { iso } from './serialize.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

const OriginalAuditAsk = z
  .object({
    owner: z.string().min(1).max(64).openapi({ description: 'The data owner (agency id) the photo belongs to' }),
    ref: z.string().min(1).max(400).openapi({ description: 'The reference records name the photo by (in the body, never the URL)' }),
    reason: z.string().trim().min(1).max(500).openapi({ description: 'Why the original must be compared with its redaction; shown to leadership and logged' }),
  })
  .strict()
  .openapi('OriginalAuditAsk');

const OriginalAudit = z
  .object({
    id: z.string(),
    owner: z.string(),
    ref: z.string(),
    reason: z.string(),
    requested_by: z.string(),
    requested_at: z.string(),
    status: z.enum(['open', 'withdrawn', 'rejected', 'revoked']),
    state: z.enum(['awaiting', 'in_force', 'expired', 'closed']).openapi({
      description: '`awaiting` leadership, `in_force` (two leadership approvals count now) until `until`, `expired`, or `closed` by an officer',
    }),
    until: z.string().nullable().openapi({ description: 'When the approval lapses: the second approval plus 24 hours; null before it' }),
    approvals: z.array(z.object({ by: z.string(), at: z.string() })),
    approvals_in_force: z
      .array(z.string())
      .openapi({ description: 'The approvals that count now: their officers are active and still hold the leadership role' }),
    closed_by: z.string().nullable(),
    closed_at: z.string().nullable(),
  })
  .openapi('OriginalAudit');

/** A request as the API shows it, judged at `now`. */
const out = (r: OriginalAuditRequest, now: number) => {
  const s = originalAuditState(r, now);
  return {
    id: r.id,
    owner: r.owner,
    ref: r.ref,
    reason: r.reason,
    requested_by: r.requestedBy,
    requested_at: iso(r.requestedAt),
    status: r.status,
    state: s.state,
    until: s.until === null ? null : iso(s.until),
    approvals: r.approvals.map((a) => ({ by: a.by, at: iso(a.at) })),
    approvals_in_force: [...s.inForce],
    closed_by: r.closedBy,
    closed_at: r.closedAt === null ? null : iso(r.closedAt),
  };
};

const Id = z.object({ id: z.string().regex(/^oreq_[A-Za-z0-9_-]{16}$/) });

const ask = createRoute({
  method: 'post',
  path: '/media/original-audits',
  tags: ['admin'],
  summary:
    "Ask to compare a photo's redaction with its original: two leadership officers, neither of them you, must approve; the approval covers that photo, for you, for 24 hours from the second approval",
  security: adminSecurity,
  request: jsonBody(OriginalAuditAsk),
  responses: {
    201: jsonOk(OriginalAudit, 'The request, awaiting leadership'),
    ...adminProblems,
    404: problem('No such photo, or another owner’s (the same answer: `not_found`)'),
    409: problem('A request of yours for this photo still awaits leadership or is in force (`conflict`)'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/media/original-audits',
  tags: ['admin'],
  summary: 'Requests to audit originals, newest first: the open ones (awaiting leadership, in force or lapsed), or all',
  security: adminSecurity,
  request: { query: z.object({ status: z.enum(['open', 'all']).default('open') }) },
  responses: { 200: jsonOk(z.object({ requests: z.array(OriginalAudit) }), 'The requests'), ...adminProblems },
});

const approve = createRoute({
  method: 'post',
  path: '/media/original-audits/{id}/leadership-approve',
  tags: ['admin'],
  summary: 'Approve, as leadership, a request to audit an original (two distinct leadership approvals needed; never the requester’s own)',
  security: adminSecurity,
  request: { params: Id, ...jsonBody(ReasonBody) },
  responses: {
    200: jsonOk(OriginalAudit, 'The request with the approval recorded'),
    ...adminProblems,
    403: problem('Not a leadership officer (`forbidden`), or the requester (`two_person_rule`)'),
    409: problem('Approved by you already (`conflict`), or ended or lapsed (`invalid_transition`)'),
  },
});

const close = createRoute({
  method: 'post',
  path: '/media/original-audits/{id}/close',
  tags: ['admin'],
  summary: 'End a request to audit an original: withdrawn by its requester, rejected or revoked by any other privacy officer (ending it narrows access)',
  security: adminSecurity,
  request: { params: Id, ...jsonBody(ReasonBody) },
  responses: { 200: jsonOk(OriginalAudit, 'The request as ended'), ...adminProblems },
});

export const mediaOriginalAuditRoutes = adminRouter()
  .openapi(ask, async (c) => {
    const body = c.req.valid('json');
    return c.json(out(await requestOriginalAudit(c.var.stores, { actor: c.var.access.clientId, ...body, now: c.var.now }), c.var.now), 201);
  })
  .openapi(list, async (c) => {
    const requests = await listOriginalAudits(c.var.stores, c.req.valid('query').status);
    return c.json({ requests: requests.map((r) => out(r, c.var.now)) }, 200);
  })
  .openapi(approve, async (c) => {
    const r = await approveOriginalAudit(c.var.stores, c.req.valid('param').id, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    return c.json(out(r, c.var.now), 200);
  })
  .openapi(close, async (c) => {
    const r = await closeOriginalAudit(c.var.stores, c.req.valid('param').id, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    return c.json(out(r, c.var.now), 200);
  });
