/**
 * A privacy officer's request to compare one photo's redaction with its original. The original of a
 * protected photo is the very access leadership guards on grants (unblurred media), so the same rule
 * applies: two leadership officers, neither of them the requester, approve it
 * (`decideLeadershipWord`, `leadershipApproved`); it covers that one photo for that one requester,
 * for {@link ORIGINAL_AUDIT_SECONDS} from the second approval; any privacy officer may end it sooner
 * (narrowing needs one officer). Pure: the caller passes `now` and the approvers' standing now.
 */
import { ORIGINAL_AUDIT_SECONDS } from './constants.js';
import { decideLeadershipWord, type LeadershipApprovalDecision, leadershipApproved } from './leadership-approvals.js';
import type { ApproverStanding } from './types.js';

/** One leadership approval as given: by whom, when (epoch seconds). */
export interface LeadershipApproval {
  readonly by: string;
  readonly at: number;
}

/** How a request stands as stored: open (collecting approvals, in force or lapsed), or closed by an officer. */
export type OriginalAuditStatus = 'open' | 'withdrawn' | 'rejected' | 'revoked';

/** A request to audit a photo's original, with its approvals in the order given and their officers' standing now. */
export interface OriginalAuditRequest {
  readonly id: string;
  readonly owner: string;
  readonly ref: string;
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly reason: string;
  readonly status: OriginalAuditStatus;
  readonly approvals: readonly LeadershipApproval[];
  readonly approvers: readonly ApproverStanding[];
  readonly closedBy: string | null;
  readonly closedAt: number | null;
}

/** Where a request stands at a moment: `awaiting` leadership, `in_force` until `until`, `expired`, or closed by an officer. */
export interface OriginalAuditState {
  readonly state: 'awaiting' | 'in_force' | 'expired' | 'closed';
  /** When the approval lapses (the second approval plus {@link ORIGINAL_AUDIT_SECONDS}); null before it. */
  readonly until: number | null;
  /** The leadership approvals that count now. */
  readonly inForce: readonly string[];
}

/**
 * Where `request` stands at `now`. The time limit runs from the second approval ever given, so an
 * approver suspended and replaced later never extends it; within it the approval is in force only
 * while two approvals count ({@link leadershipApproved}).
 *
 * @example originalAuditState({ …request, approvals: [{ by: 'lead-a', at: 0 }, { by: 'lead-b', at: 10 }] }, 100).state // 'in_force'
 */
export function originalAuditState(request: OriginalAuditRequest, now: number): OriginalAuditState {
  const ids = request.approvals.map((a) => a.by);
  const inForce = leadershipApproved(ids, request.approvers, request.requestedBy) ? ids : [];
  const second = request.approvals[1];
  const until = second === undefined ? null : second.at + ORIGINAL_AUDIT_SECONDS;
  if (request.status !== 'open') return { state: 'closed', until, inForce: [] };
  if (until !== null && now >= until) return { state: 'expired', until, inForce: [] };
  return { state: inForce.length > 0 ? 'in_force' : 'awaiting', until, inForce };
}

/**
 * Whether `actor` (a leadership officer, checked against the registry by the caller) may approve
 * `request`: the one leadership rule ({@link decideLeadershipWord}), on a request still open and
 * not lapsed.
 *
 * @example decideOriginalAuditApproval({ …request, requestedBy: 'lead-a' }, 'lead-a', now) // refuse: two_person_rule
 */
export function decideOriginalAuditApproval(request: OriginalAuditRequest, actor: string, now: number): LeadershipApprovalDecision {
  const { state } = originalAuditState(request, now);
  return decideLeadershipWord(
    {
      subject: 'request',
      requestedBy: request.requestedBy,
      approvals: request.approvals.map((a) => a.by),
      closed: state === 'closed' ? `The request is ${request.status}.` : state === 'expired' ? 'The approval has lapsed; ask again.' : null,
    },
    actor,
  );
}

/** How a request is ended, or why it cannot be. */
export type OriginalAuditClosing =
  | { readonly kind: 'close'; readonly status: Exclude<OriginalAuditStatus, 'open'> }
  | { readonly kind: 'refuse'; readonly code: 'conflict'; readonly reason: string };

/**
 * How `actor` ends `request`: its requester withdraws it; another officer rejects it while it awaits
 * leadership and revokes it once approved. One officer suffices: ending it narrows access. A closed or
 * lapsed request has nothing left to end.
 *
 * @example decideOriginalAuditClose(requestInForce, 'po-b', now) // { kind: 'close', status: 'revoked' }
 */
export function decideOriginalAuditClose(request: OriginalAuditRequest, actor: string, now: number): OriginalAuditClosing {
  const { state } = originalAuditState(request, now);
  if (state === 'closed' || state === 'expired') return { kind: 'refuse', code: 'conflict', reason: 'This request is no longer open.' };
  if (actor === request.requestedBy) return { kind: 'close', status: 'withdrawn' };
  return { kind: 'close', status: request.approvals.length > 0 ? 'revoked' : 'rejected' };
}

/**
 * Whether `actor` may ask to audit this photo's original now: not while a request of theirs for the
 * same photo still awaits leadership or is in force (decide or end that one first).
 */
export function mayRequestOriginalAudit(mine: readonly OriginalAuditRequest[], now: number): boolean {
  return mine.every((r) => {
    const { state } = originalAuditState(r, now);
    return state === 'closed' || state === 'expired';
  });
}

/**
 * The request whose approval lets `actor` open `owner`'s photo `ref` at `now`, or null: only a
 * request by that officer, for that photo, in force now. Another officer's approval, another photo's,
 * one awaiting, lapsed or ended never counts.
 *
 * @example originalReleasedTo([approvedForPoA], 'po-b', owner, ref, now) // null
 */
export function originalReleasedTo(
  requests: readonly OriginalAuditRequest[],
  actor: string,
  owner: string,
  ref: string,
  now: number,
): OriginalAuditRequest | null {
  return requests.find((r) => r.requestedBy === actor && r.owner === owner && r.ref === ref && originalAuditState(r, now).state === 'in_force') ?? null;
}
