import { grantIsFinal } from './grant-lifecycle.js';
import { decideApproval } from './two-person-rule.js';
import { type ApproverStanding, type Grant, LEADERSHIP_APPROVALS_FOR_MEDIA, type OfficerRole } from './types.js';

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
 * What leadership is asked to approve, whatever it is (a grant's unblurred media or sensitive cases,
 * a privacy officer's audit of a photo's original): who asked, who approved already, and why it can
 * no longer change (null while it can).
 */
export interface AskOfLeadership {
  /** Named in the refusals: `grant`, `request`. */
  readonly subject: string;
  readonly requestedBy: string;
  readonly approvals: readonly string[];
  readonly closed: string | null;
}

/**
 * The one rule for adding a leadership approval to anything that asks for one: only while it can
 * still change, never by the officer who asked (the two-person rule, `two-person-rule.ts`), and once
 * per officer. Whether the actor holds the role is checked against the registry by the caller
 * ({@link holdsRole}); whether the approval counts is decided at each use ({@link approvalsInForce}).
 *
 * @example decideLeadershipWord({ subject: 'request', requestedBy: 'po-a', approvals: [], closed: null }, 'po-a') // refuse: two_person_rule
 */
export function decideLeadershipWord(ask: AskOfLeadership, actor: string): LeadershipApprovalDecision {
  if (ask.closed !== null) return { kind: 'refuse', code: 'invalid_transition', reason: ask.closed };
  // The officer who asked for what leadership approves: their word cannot be the second one.
  if (decideApproval({ status: 'pending', requestedBy: ask.requestedBy }, actor).kind === 'refuse')
    return { kind: 'refuse', code: 'two_person_rule', reason: `The officer who asked for the ${ask.subject} cannot approve it.` };
  if (ask.approvals.includes(actor)) return { kind: 'refuse', code: 'conflict', reason: `You have already approved this ${ask.subject}.` };
  return { kind: 'approve' };
}

/**
 * Whether leadership stands behind something: at least {@link LEADERSHIP_APPROVALS_FOR_MEDIA} distinct
 * approvals in force now, none of them by `requestedBy` (who can never approve their own ask).
 *
 * @example leadershipApproved(['lead-a', 'lead-b'], [leadA, leadB], 'po-c') // true
 */
export function leadershipApproved(approvals: readonly string[], approvers: readonly ApproverStanding[], requestedBy: string): boolean {
  return approvalsInForce(approvals, approvers).filter((id) => id !== requestedBy).length >= LEADERSHIP_APPROVALS_FOR_MEDIA;
}

/**
 * Decides whether `actor`, an officer who holds the leadership role ({@link holdsRole}), may add their
 * approval to `grant`: only for a grant that asks something of leadership (unblurred media, sensitive
 * cases), then by the one rule of {@link decideLeadershipWord} with the grant's creator as the one
 * who asked.
 *
 * @example decideLeadershipApproval({ …grant, createdBy: 'po-a' }, 'po-a') // refuse: two_person_rule
 */
export function decideLeadershipApproval(
  grant: Pick<Grant, 'mediaUnblurred' | 'sensitiveCases' | 'status' | 'createdBy' | 'leadershipApprovals'>,
  actor: string,
): LeadershipApprovalDecision {
  if (!grant.mediaUnblurred && !grant.sensitiveCases)
    return { kind: 'refuse', code: 'invalid_transition', reason: 'This grant asked for neither unblurred media nor sensitive cases.' };
  return decideLeadershipWord(
    {
      subject: 'grant',
      requestedBy: grant.createdBy,
      approvals: grant.leadershipApprovals,
      closed: grantIsFinal(grant.status) ? `The grant is ${grant.status}.` : null,
    },
    actor,
  );
}
