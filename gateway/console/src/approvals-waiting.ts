/**
 * Pure: how many of the requests waiting for approval the signed-in officer may act on, for the count
 * on the Approvals tab. The rules are the policy's own, imported, not copied: the two-person rule
 * (`decideApproval`: never one's own request) and the leadership approvals (`holdsRole` and
 * `decideLeadershipApproval`: only an officer with the leadership role, never on a grant they asked
 * for, once each; for requests to compare a photo with its original, `original-audit-approval.ts`).
 * The gateway applies the same functions when the officer acts.
 */
import { decideLeadershipApproval, holdsRole } from '@need2know/policy/leadership-approvals';
import { decideApproval } from '@need2know/policy/two-person-rule';
import type { AdminRequest, Grant, GrantRequest, OriginalAudit } from './api.js';
import { LEADERSHIP_APPROVALS_NEEDED } from './grant-options.js';
import { originalAuditNoApproval } from './original-audit-approval.js';

/** The officer signed in: their id and roles. */
export interface ActingOfficer {
  readonly id: string;
  readonly roles: readonly string[];
}

/** What waits, as the admin API lists it. */
export interface Waiting {
  readonly grantRequests: readonly Pick<GrantRequest, 'requested_by' | 'status'>[];
  readonly registryRequests: readonly Pick<AdminRequest, 'requested_by' | 'status'>[];
  readonly grants: readonly Pick<
    Grant,
    'unblurred_media' | 'sensitive_cases' | 'status' | 'created_by' | 'leadership_approvals' | 'leadership_approvals_in_force'
  >[];
  /** Requests to compare a photo with its original (the open ones the API lists). */
  readonly originalAudits: readonly Pick<OriginalAudit, 'state' | 'requested_by' | 'approvals'>[];
}

/**
 * The requests `officer` may approve now: grant and registry requests another officer asked for, and,
 * for a leadership officer, grants still short of their leadership approvals and requests to compare
 * a photo with its original still awaiting leadership, that they may approve.
 *
 * @example actionableCount({ id: 'po-a', roles: [] }, { grantRequests: [{ requested_by: 'po-a', status: 'pending' }], registryRequests: [], grants: [], originalAudits: [] }) // 0
 */
export function actionableCount(officer: ActingOfficer, waiting: Waiting): number {
  const mayApprove = (r: { requested_by: string; status: GrantRequest['status'] }) =>
    decideApproval({ status: r.status, requestedBy: r.requested_by }, officer.id).kind === 'approve';
  const leadership = holdsRole(officer, 'leadership')
    ? waiting.grants.filter(
        (g) =>
          g.leadership_approvals_in_force.length < LEADERSHIP_APPROVALS_NEEDED &&
          decideLeadershipApproval(
            {
              mediaUnblurred: g.unblurred_media,
              sensitiveCases: g.sensitive_cases,
              status: g.status,
              createdBy: g.created_by,
              leadershipApprovals: g.leadership_approvals,
            },
            officer.id,
          ).kind === 'approve',
      ).length
    : 0;
  const originals = waiting.originalAudits.filter((r) => originalAuditNoApproval(r, officer) === null).length;
  return waiting.grantRequests.filter(mayApprove).length + waiting.registryRequests.filter(mayApprove).length + leadership + originals;
}
