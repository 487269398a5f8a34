import { approvalsInForce, decideLeadershipApproval, holdsRole, type Grant } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import type { AdminStores } from '../../store/ports/index.js';
import type { GrantWithRequests } from './read-grants.js';

const STATUS_OF_REFUSAL = { invalid_transition: 409, conflict: 409, two_person_rule: 403 } as const;

/**
 * Records `actor`'s leadership approval of what grant `id` asks of leadership (flagged media
 * unblurred, sensitive cases), as `decideLeadershipApproval` allows: the approver's standing is kept
 * beside it, so that the approval stops counting if they are later suspended or lose the role
 * (`approvalsInForce`).
 */
export async function approveAsLeadership(
  stores: Pick<AdminStores, 'registry' | 'grants' | 'changes'>,
  id: string,
  actor: string,
  reason: string,
  now: number,
): Promise<GrantWithRequests> {
  const officer = await stores.registry.getClient(actor);
  if (officer === null || !holdsRole(officer, 'leadership'))
    throw new Problem(403, 'forbidden', 'Only officers with the leadership role approve what a grant asks of leadership.');
  const grant = await stores.grants.getGrant(id);
  if (grant === null) throw new Problem(404, 'not_found');
  const decision = decideLeadershipApproval(grant, actor);
  if (decision.kind === 'refuse') throw new Problem(STATUS_OF_REFUSAL[decision.code], decision.code, decision.reason);
  const standing = { id: officer.id, kind: officer.kind, status: officer.status, roles: officer.roles };
  const next: Grant = {
    ...grant,
    leadershipApprovals: [...grant.leadershipApprovals, actor],
    leadershipApprovers: [...grant.leadershipApprovers, standing],
    version: grant.version + 1,
    etag: randomToken(),
    updatedAt: now,
  };
  const outcome = await stores.changes.commit([{ op: 'grant.approvals', grant: next, expectedEtag: grant.etag }], {
    at: now,
    actor,
    action: 'grant.leadership_approve',
    targetType: 'grant',
    targetId: id,
    detail: { reason, approvals: next.leadershipApprovals.length, in_force: approvalsInForce(next.leadershipApprovals, next.leadershipApprovers).length },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The grant changed meanwhile; read it again.');
  return { grant: next, requests: await stores.grants.requestsFor(id) };
}
