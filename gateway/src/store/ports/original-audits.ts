/**
 * The port of requests to audit a photo's original (`packages/policy/src/original-audit.ts` decides
 * what they allow): reads here, writes as typed changes ({@link OriginalAuditChange}) committed with
 * their administrative event by `ChangeStore.commit`, all or nothing.
 */
import type { LeadershipApproval, OriginalAuditRequest, OriginalAuditStatus } from '@need2know/policy';

export type { OriginalAuditRequest } from '@need2know/policy';

/** Which requests to list: open ones (awaiting leadership, in force or lapsed) or all, newest first. */
export interface OriginalAuditFilter {
  readonly status?: 'open' | 'all';
  readonly limit: number;
}

/**
 * A request as stored: without its approvers' standing, which every read joins from the registry as
 * it is now.
 */
export type NewOriginalAudit = Omit<OriginalAuditRequest, 'approvers'>;

/**
 * Changes of these requests:
 * - `original_audit.insert` creates one (an id already taken is a conflict);
 * - `original_audit.approve` appends an approval, only while the request is open and still holds
 *   `expectedApprovals` approvals (so two approvals read at once never both land on the same count);
 * - `original_audit.close` ends an open request with `status`, by `by` at `at`; one no longer open (or
 *   unknown) is a conflict, so a request is ended once.
 */
export type OriginalAuditChange =
  | { readonly op: 'original_audit.insert'; readonly request: NewOriginalAudit }
  | { readonly op: 'original_audit.approve'; readonly id: string; readonly approval: LeadershipApproval; readonly expectedApprovals: number }
  | {
      readonly op: 'original_audit.close';
      readonly id: string;
      readonly status: Exclude<OriginalAuditStatus, 'open'>;
      readonly by: string;
      readonly at: number;
    };

/** Reads of requests to audit a photo's original. */
export interface OriginalAuditStore {
  /** Request `id`, with its approvers' standing now, or null. */
  getOriginalAudit(id: string): Promise<OriginalAuditRequest | null>;
  /** Every request `requestedBy` made for `owner`'s photo `ref` (any status), newest first. */
  originalAuditsFor(owner: string, ref: string, requestedBy: string): Promise<OriginalAuditRequest[]>;
  /** Requests by the filter's status (`open` when not given), newest first (`requestedAt` descending, then id), at most `limit`. */
  listOriginalAudits(filter: OriginalAuditFilter): Promise<OriginalAuditRequest[]>;
}
