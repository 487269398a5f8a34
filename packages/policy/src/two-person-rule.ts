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

/** How a request that will not be approved is closed: withdrawn by its requester, rejected by anyone else. */
export type RejectionDecision = { readonly kind: 'close'; readonly status: 'withdrawn' | 'rejected' } | (ApprovalRefusal & { readonly code: 'conflict' });

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
  if (officersBehind(request.requestedBy, [approver]) < APPROVALS_TO_WIDEN)
    return { kind: 'refuse', code: 'two_person_rule', reason: 'The requester cannot approve their own request.' };
  return { kind: 'approve' };
}

/**
 * Decides how `actor` closes `request` without approving it: only an open request; its requester
 * withdraws it, any other officer rejects it (one officer suffices: nothing widens).
 *
 * @example decideRejection({ status: 'pending', requestedBy: 'po-a' }, 'po-a') // { kind: 'close', status: 'withdrawn' }
 */
export function decideRejection(request: RequestAwaitingApproval, actor: string): RejectionDecision {
  if (request.status !== 'pending') return { kind: 'refuse', code: 'conflict', reason: 'This request is no longer open.' };
  return { kind: 'close', status: request.requestedBy === actor ? 'withdrawn' : 'rejected' };
}
