import { createRoute, z } from '@hono/zod-openapi';
import { Problem } from '../../../platform/errors/problem.js';
import { randomToken } from '../../../platform/lib/random.js';
import { grantIsFinal } from '@need2know/policy';
import { approvalsInForce } from '@need2know/policy';
import type { Grant as StoredGrant } from '@need2know/policy';
import { commitChange } from '../../../store/d1/admin-events.js';
import { getClient } from '../../../store/d1/clients.js';
import { getGrant, requestsFor, updateLeadershipApprovals } from '../../../store/d1/grants.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Grant, ReasonBody } from './schemas.js';
import { grantOut } from './serialize.js';

const route = createRoute({
  method: 'post',
  path: '/grants/{id}/leadership-approve',
  tags: ['admin'],
  summary: 'Approve, as leadership, what this grant asks of leadership: flagged media unblurred, cases marked sensitive (two distinct leadership approvals needed)',
  security: adminSecurity,
  request: { params: z.object({ id: z.string().regex(/^grt_[A-Za-z0-9_-]{16}$/) }), ...jsonBody(ReasonBody) },
  responses: { 200: jsonOk(Grant, 'The grant with the approval recorded'), ...adminProblems },
});

export const leadershipRoutes = adminRouter().openapi(route, async (c) => {
  const { id } = c.req.valid('param');
  const { reason } = c.req.valid('json');
  const actor = c.var.access.clientId;
  const now = c.var.now;
  const officer = await getClient(c.env.DB, actor);
  if (officer === null || !officer.roles.includes('leadership')) throw new Problem(403, 'forbidden', 'Only officers with the leadership role approve what a grant asks of leadership.');
  const grant = await getGrant(c.env.DB, id);
  if (grant === null) throw new Problem(404, 'not_found');
  if (!grant.mediaUnblurred && !grant.sensitiveCases) throw new Problem(409, 'invalid_transition', 'This grant asked for neither unblurred media nor sensitive cases.');
  if (grantIsFinal(grant.status)) throw new Problem(409, 'invalid_transition', `The grant is ${grant.status}.`);
  if (grant.createdBy === actor) throw new Problem(403, 'two_person_rule', 'The officer who asked for the grant cannot approve it.');
  if (grant.leadershipApprovals.includes(actor)) throw new Problem(409, 'conflict', 'You have already approved this grant.');
  const standing = { id: officer.id, kind: officer.kind, status: officer.status, roles: officer.roles };
  const next: StoredGrant = { ...grant, leadershipApprovals: [...grant.leadershipApprovals, actor], leadershipApprovers: [...grant.leadershipApprovers, standing], version: grant.version + 1, etag: randomToken(), updatedAt: now };
  const outcome = await commitChange(
    c.env.DB,
    [updateLeadershipApprovals(c.env.DB, next, grant.etag)],
    { at: now, actor, action: 'grant.leadership_approve', targetType: 'grant', targetId: id, detail: { reason, approvals: next.leadershipApprovals.length, in_force: approvalsInForce(next.leadershipApprovals, next.leadershipApprovers).length } },
    { table: 'grants', id, etag: next.etag },
  );
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The grant changed meanwhile; read it again.');
  return c.json(grantOut(next, await requestsFor(c.env.DB, id), now), 200);
});
