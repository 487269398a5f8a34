import { createRoute, z } from '@hono/zod-openapi';
import { approveAsLeadership } from '../../../services/grants/approve-as-leadership.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Grant, ReasonBody } from './schemas.js';
import { grantOut } from './serialize.js';

const route = createRoute({
  method: 'post',
  path: '/grants/{id}/leadership-approve',
  tags: ['admin'],
  summary:
    'Approve, as leadership, what this grant asks of leadership: flagged media unblurred, cases marked sensitive (two distinct leadership approvals needed)',
  security: adminSecurity,
  request: { params: z.object({ id: z.string().regex(/^grt_[A-Za-z0-9_-]{16}$/) }), ...jsonBody(ReasonBody) },
  responses: { 200: jsonOk(Grant, 'The grant with the approval recorded'), ...adminProblems },
});

export const leadershipRoutes = adminRouter().openapi(route, async (c) => {
  const { grant, requests } = await approveAsLeadership(c.var.stores, c.req.valid('param').id, c.var.access.clientId, c.req.valid('json').reason, c.var.now);
  return c.json(grantOut(grant, requests, c.var.now), 200);
});
