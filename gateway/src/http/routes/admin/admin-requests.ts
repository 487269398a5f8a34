import { createRoute, z } from '@hono/zod-openapi';
import { approveRegistryRequest } from '../../../services/approvals/approve-request.js';
import { ADMIN_REQUEST_KINDS, listRegistryRequests, type AdminRequest } from '../../../services/approvals/list-requests.js';
import { rejectRegistryRequest } from '../../../services/approvals/reject-request.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { ReasonBody } from './schemas.js';
import { approvalRequestOut, iso } from './serialize.js';

const AdminRequestOut = z
  .object({
    id: z.string(),
    kind: z.enum(ADMIN_REQUEST_KINDS),
    target_id: z.string(),
    payload: z.record(z.string(), z.unknown()),
    requested_by: z.string(),
    requested_at: z.string(),
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
    decided_by: z.string().nullable(),
    decided_at: z.string().nullable(),
  })
  .openapi('AdminRequest');

const AdminRequestApproved = AdminRequestOut.extend({
  enrolment_code: z.string().optional().openapi({
    description:
      "Approving an officer's registration (`officer.create`) or new device (`officer.rekey`): the one-time enrolment code, shown once and only to you, the approving officer. Hand it to the officer; only its hash is stored.",
    example: '7QK2M9-4ZT1BC-…',
  }),
  code_expires_at: z.string().optional().openapi({ description: 'When the enrolment code stops working unused' }),
}).openapi('AdminRequestApproved');

export const adminRequestOut = (r: AdminRequest) => approvalRequestOut(r);

const RequestId = z.object({ id: z.string().regex(/^areq_[A-Za-z0-9_-]{16}$/) });

const list = createRoute({
  method: 'get',
  path: '/requests',
  tags: ['admin'],
  summary: 'Registry changes waiting for a second officer (new clients and officers, new keys or enrolment codes, re-activations, widened purposes)',
  security: adminSecurity,
  request: {
    query: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'withdrawn', 'all']).default('pending'), target_id: z.string().max(80).optional() }),
  },
  responses: { 200: jsonOk(z.object({ requests: z.array(AdminRequestOut) }), 'Requests'), ...adminProblems },
});
const approve = createRoute({
  method: 'post',
  path: '/requests/{id}/approve',
  tags: ['admin'],
  summary: "Approve another officer's registry change",
  security: adminSecurity,
  request: { params: RequestId, ...jsonBody(ReasonBody) },
  responses: { 200: jsonOk(AdminRequestApproved, 'Approved and applied'), ...adminProblems },
});
const reject = createRoute({
  method: 'post',
  path: '/requests/{id}/reject',
  tags: ['admin'],
  summary: 'Reject (or, as its requester, withdraw) a registry change',
  security: adminSecurity,
  request: { params: RequestId, ...jsonBody(ReasonBody) },
  responses: { 200: jsonOk(AdminRequestOut, 'Closed'), ...adminProblems },
});

export const adminRequestRoutes = adminRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      {
        requests: (await listRegistryRequests(c.var.stores, { status: q.status, ...(q.target_id === undefined ? {} : { targetId: q.target_id }) })).map(
          adminRequestOut,
        ),
      },
      200,
    );
  })
  .openapi(approve, async (c) => {
    const { request, enrolmentCode } = await approveRegistryRequest(
      c.var.stores,
      c.req.valid('param').id,
      c.var.access.clientId,
      c.req.valid('json').reason,
      c.var.now,
    );
    const code = enrolmentCode === null ? {} : { enrolment_code: enrolmentCode.code, code_expires_at: iso(enrolmentCode.expiresAt) };
    return c.json({ ...adminRequestOut(request), ...code }, 200);
  })
  .openapi(reject, async (c) => {
    const request = await rejectRegistryRequest(c.var.stores, c.req.valid('param').id, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
    return c.json(adminRequestOut(request), 200);
  });
