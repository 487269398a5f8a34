import { APPROVALS_TO_WIDEN } from './constants.js';

/**
 * The two-person rule, once for every change that widens access or gives a key access: a grant
 * activated, extended or resumed; a client or officer registered, re-keyed or re-activated; an
 * enrolment code handed out; a purpose widened; statistical access opened. The officer who asked
 * counts as one; the change applies only when distinct officers reach {@link APPROVALS_TO_WIDEN}.
 * One privacy officer alone can therefore never approve their own request.
 */

/** What the rule needs to know of a request waiting for approval. */
export interface RequestAwaitingApproval {
  readonly status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  readonly requestedBy: string;
}

/** Why an approval was refused; `code` is the problem code the API returns. */
export interface ApprovalRefusal {
  readonly kind: 'refuse';
  readonly code: 'conflict' | 'two_person_rule';
  readonly reason: string;
}

export type ApprovalDecision = { readonly kind: 'approve' } | ApprovalRefusal;

/** The distinct officers who stand behind a change: its requester and its approvers. */
export function officersBehind(requestedBy: string, approvers: readonly string[]): number {
  return new Set([requestedBy, ...approvers]).size;
}

/**
 * Decides whether `approver`'s approval completes `request`: only an open request, and only when
 * the approver is not its requester (so that two distinct officers stand behind it).
 *
 * @example decideApproval({ status: 'pending', requestedBy: 'po-a' }, 'po-a') // refuse: two_person_rule
 */
export function decideApproval(request: RequestAwaitingApproval, approver: string): ApprovalDecision {
  if (request.status !== 'pending') return { kind: 'refuse', code: 'conflict', reason: 'This request is no longer open.' };
  if (officersBehind(request.requestedBy, [approver]) < APPROVALS_TO_WIDEN) return { kind: 'refuse', code: 'two_person_rule', reason: 'The requester cannot approve their own request.' };
  return { kind: 'approve' };
}
