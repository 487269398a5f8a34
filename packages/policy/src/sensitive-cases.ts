import { approvalsInForce } from './leadership-approvals.js';
import { LEADERSHIP_APPROVALS_FOR_SENSITIVE_CASES, type Grant } from './types.js';

/**
 * Sensitive case documents go out only with leadership's approval (DESIGN.md, situation 1). A case
 * marked `sensitivity: sensitive` is disclosed only under a grant that asked for sensitive cases and
 * that at least two distinct officers approved who hold the leadership role and are active now.
 * Under any other grant it is answered exactly like a missing record — same status, same body, same
 * cost, counted and logged the same — by fetch, by search and behind its media. Statistics count it
 * all the same: they never disclose a case.
 */

/** A clear (unsealed) field value that marks a stored record as hidden unless leadership approved. */
export interface HiddenMark {
  readonly type: string;
  readonly field: string;
  readonly value: string;
}

/** How a sensitive case is marked: its clear `sensitivity` field (see `packages/schema`, record type `case`). */
export const SENSITIVE_CASES: HiddenMark = { type: 'case', field: 'sensitivity', value: 'sensitive' };

/**
 * Whether cases marked sensitive may leave `grant`: only when the grant asked for them and two
 * leadership approvals are in force now (an approver suspended or stripped of the role no longer
 * counts, see `approvalsInForce`).
 */
export function maySeeSensitiveCases(grant: Pick<Grant, 'sensitiveCases' | 'leadershipApprovals' | 'leadershipApprovers'>): boolean {
  return grant.sensitiveCases && approvalsInForce(grant.leadershipApprovals, grant.leadershipApprovers).length >= LEADERSHIP_APPROVALS_FOR_SENSITIVE_CASES;
}

/**
 * The mark of records of `type` that `grant` may not see, for storage to leave out in the same query
 * that reads or finds records (so a hidden record costs what a missing one costs); null when `grant`
 * may see every record of the type.
 *
 * @example hiddenFor('case', grantWithoutApprovals) // { type: 'case', field: 'sensitivity', value: 'sensitive' }
 */
export function hiddenFor(type: string, grant: Pick<Grant, 'sensitiveCases' | 'leadershipApprovals' | 'leadershipApprovers'> | null): HiddenMark | null {
  if (type !== SENSITIVE_CASES.type) return null;
  return grant !== null && maySeeSensitiveCases(grant) ? null : SENSITIVE_CASES;
}

/** Whether an opened record of `type` carries `mark` (for code that has the record open already). */
export function carriesMark(type: string, fields: Readonly<Record<string, unknown>>, mark: HiddenMark | null): boolean {
  return mark !== null && type === mark.type && Object.hasOwn(fields, mark.field) && fields[mark.field] === mark.value;
}
