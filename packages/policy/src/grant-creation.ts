import { MAX_WINDOW_SECONDS } from './constants.js';
import { beyondPurposeScope } from './row-scope-change.js';
import type { RowScope } from './row-scope.js';
import { SENSITIVE_CASES } from './sensitive-cases.js';
import type { Purpose } from './types.js';

/** A grant a privacy officer proposes: the window and data life in seconds, and what it asks for beyond the purpose's fields. */
export interface GrantProposal {
  readonly agencyId: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly dataLifeSeconds: number;
  readonly unblurredMedia: boolean;
  readonly sensitiveCases: boolean;
  /** The records the grant covers by places, dates and links; null or absent: every record the purpose's scope allows. */
  readonly rowScope?: RowScope | null;
}

/** One reason a proposal is not a valid grant; `path` names the request field, `code` is stable. */
export interface GrantCreationIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Every reason `proposal` cannot become a grant at `now`, in the order the API reports them; empty
 * means valid. The window must be non-empty, still open and at most {@link MAX_WINDOW_SECONDS}; the
 * data may not outlive the window; the purpose must be active and open to the agency, and the agency
 * known; unblurred media and sensitive cases only where the purpose allows them; a row scope only
 * within the purpose's (no row scope on a purpose with one means the purpose's scope).
 *
 * @param purpose the purpose named, or null when there is none
 * @param agencyKnown whether the agency named exists
 */
export function grantCreationIssues(
  proposal: GrantProposal,
  purpose: Pick<Purpose, 'status' | 'agencies' | 'allowUnblurredMedia' | 'rules' | 'rowScope'> | null,
  agencyKnown: boolean,
  now: number,
): GrantCreationIssue[] {
  const { notBefore, notAfter } = proposal;
  const issues: GrantCreationIssue[] = [];
  if (notAfter <= notBefore) issues.push({ path: 'not_after', code: 'window_empty', message: 'must be after not_before' });
  if (notAfter <= now) issues.push({ path: 'not_after', code: 'window_past', message: 'must be in the future' });
  if (notAfter - notBefore > MAX_WINDOW_SECONDS) issues.push({ path: 'not_after', code: 'window_too_long', message: 'a window may last at most five years' });
  if (proposal.dataLifeSeconds > notAfter - notBefore)
    issues.push({ path: 'data_life_seconds', code: 'data_life_too_long', message: 'data life cannot outlast the window' });
  if (purpose === null || purpose.status !== 'active') issues.push({ path: 'purpose_id', code: 'unknown_purpose', message: 'no such active purpose' });
  else if (!purpose.agencies.includes(proposal.agencyId))
    issues.push({ path: 'agency_id', code: 'agency_not_in_purpose', message: 'the purpose is not open to this agency' });
  if (!agencyKnown) issues.push({ path: 'agency_id', code: 'unknown_agency', message: 'no such agency' });
  if (proposal.unblurredMedia && purpose?.allowUnblurredMedia !== true)
    issues.push({ path: 'unblurred_media', code: 'not_allowed_by_purpose', message: 'the purpose does not allow unblurred media' });
  if (proposal.sensitiveCases && purpose !== null && !Object.hasOwn(purpose.rules, SENSITIVE_CASES.type))
    issues.push({ path: 'sensitive_cases', code: 'not_allowed_by_purpose', message: 'the purpose discloses no cases' });
  if (purpose !== null && proposal.rowScope != null && beyondPurposeScope(purpose.rowScope ?? null, proposal.rowScope).length > 0)
    issues.push({ path: 'row_scope', code: 'row_scope_beyond_purpose', message: "the row scope reaches beyond the purpose's" });
  return issues;
}
