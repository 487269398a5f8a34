import type { ApproverStanding, OfficerRole } from './types.js';

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
