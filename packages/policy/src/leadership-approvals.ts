import { grantIsFinal } from './grant-lifecycle.js';
import { decideApproval } from './two-person-rule.js';
import type { ApproverStanding, Grant, OfficerRole } from './types.js';

/**
 * Which leadership approvals still count. An approval is the word of an officer in office: it counts
 * only while that officer is an active privacy officer who still holds the role. Suspending an
 * approver, or taking the role away, withdraws their word at once from every grant it was given to
 * (unblurred media, sensitive cases), without rewriting the grant; re-activating them (itself a
 * two-person change) restores it. An approver no longer registered counts for nothing, and each
 * officer counts once however often their id appears.
 *
 * @example
 * approvalsInForce(['lead-a', 'lead-b'], [{ id: 'lead-a', kind: 'privacy_officer', status: 'suspended', roles: ['leadership'] }, …])
 * // ['lead-b']
 */
export function approvalsInForce(approvals: readonly string[], approvers: readonly ApproverStanding[], role: OfficerRole = 'leadership'): string[] {
  const standing = new Map(approvers.map((a) => [a.id, a]));
  return [...new Set(approvals)].filter((id) => {
    const a = standing.get(id);
    return a !== undefined && a.kind === 'privacy_officer' && a.status === 'active' && a.roles.includes(role);
  });
}

/** Whether `officer` (null: not registered) holds `role` and may therefore give that role's approval. */
export function holdsRole(officer: { readonly roles: readonly string[] } | null, role: OfficerRole = 'leadership'): boolean {
  return officer?.roles.includes(role) === true;
}

/** Whether a leadership approval is recorded; `code` is the problem code the API returns. */
export type LeadershipApprovalDecision =
  | { readonly kind: 'approve' }
  | { readonly kind: 'refuse'; readonly code: 'invalid_transition' | 'two_person_rule' | 'conflict'; readonly reason: string };

/**
 * Decides whether `actor`, an officer who holds the leadership role ({@link holdsRole}), may add their
 * approval to `grant`: only for a grant that asks something of leadership (unblurred media, sensitive
 * cases) and can still change, never by the officer who asked for the grant (the two-person rule,
 * `two-person-rule.ts`), and once per officer. Whether it counts is decided later, at each use
 * ({@link approvalsInForce}).
 *
 * @example decideLeadershipApproval({ …grant, createdBy: 'po-a' }, 'po-a') // refuse: two_person_rule
 */
export function decideLeadershipApproval(
  grant: Pick<Grant, 'mediaUnblurred' | 'sensitiveCases' | 'status' | 'createdBy' | 'leadershipApprovals'>,
  actor: string,
): LeadershipApprovalDecision {
  if (!grant.mediaUnblurred && !grant.sensitiveCases)
    return { kind: 'refuse', code: 'invalid_transition', reason: 'This grant asked for neither unblurred media nor sensitive cases.' };
  if (grantIsFinal(grant.status)) return { kind: 'refuse', code: 'invalid_transition', reason: `The grant is ${grant.status}.` };
  // The grant's creator asked for what leadership approves: their word cannot be the second one.
  if (decideApproval({ status: 'pending', requestedBy: grant.createdBy }, actor).kind === 'refuse')
    return { kind: 'refuse', code: 'two_person_rule', reason: 'The officer who asked for the grant cannot approve it.' };
  if (grant.leadershipApprovals.includes(actor)) return { kind: 'refuse', code: 'conflict', reason: 'You have already approved this grant.' };
  return { kind: 'approve' };
}
