/**
 * Pure: whether the signed-in officer may give a leadership approval to a privacy officer's request
 * to compare a photo with its original, and if not, why — for the Approvals page's button and the
 * count on its tab. The rule is the policy's own, imported, not copied: only an officer who holds
 * the leadership role (`holdsRole`), then `decideLeadershipWord` (never on one's own request, once
 * each, only while the request can still change). The gateway applies the same functions when the
 * officer approves, and says in the request's `state` whether it still awaits leadership.
 */
import { decideLeadershipWord, holdsRole } from '@need2know/policy/leadership-approvals';
import type { OriginalAudit } from './api.js';

/** Why an officer cannot approve a request (null: they can). */
export type NoOriginalApproval = 'not_leadership' | 'own_request' | 'already_approved' | 'ended' | null;

/** The refusals of `decideLeadershipWord`, by code, in the console's terms. */
const BY_CODE = { two_person_rule: 'own_request', conflict: 'already_approved', invalid_transition: 'ended' } as const;

/**
 * Why `officer` cannot approve `request` now, or null when they may: a request no longer awaiting
 * leadership (in force, lapsed or ended) counts as ended.
 *
 * @example originalAuditNoApproval({ state: 'awaiting', requested_by: 'po-a', approvals: [] }, { id: 'lead-b', roles: ['leadership'] }) // null
 */
export function originalAuditNoApproval(
  request: Pick<OriginalAudit, 'state' | 'requested_by' | 'approvals'>,
  officer: { readonly id: string; readonly roles: readonly string[] },
): NoOriginalApproval {
  if (!holdsRole(officer, 'leadership')) return 'not_leadership';
  const decision = decideLeadershipWord(
    {
      subject: 'request',
      requestedBy: request.requested_by,
      approvals: request.approvals.map((a) => a.by),
      closed: request.state === 'awaiting' ? null : `The request is ${request.state}.`,
    },
    officer.id,
  );
  return decision.kind === 'approve' ? null : BY_CODE[decision.code];
}
