import type { RegistrationIssue } from './client-registration.js';
import { copyableFieldIssues, type CopyableFields } from './copyable-fields.js';
import { checkPurposeRules } from './purpose-rules.js';
import type { PurposeRules } from './types.js';

/** What a privacy officer proposes for a purpose, as far as its validity depends on it. */
export interface PurposeAsked {
  readonly rules: PurposeRules;
  readonly agencies: readonly string[];
  readonly requestsPerMinute: number;
  readonly personsPerHour: number;
  /** One officer's share of the grant's limits; absent: the default share. */
  readonly officerRequestsPerMinute?: number;
  readonly officerPersonsPerHour?: number;
  /** Fields the viewer lets officers copy; absent or null: none. */
  readonly copyable?: CopyableFields | null;
}

/**
 * Every reason `asked` cannot be a purpose (new or replaced), in the order the API reports them;
 * empty means valid: its field rules ({@link checkPurposeRules}), every agency it opens to known, and
 * one officer's limits never above the grant's own.
 *
 * @param knownAgencies the ids of the registered agencies
 */
export function purposeIssues(asked: PurposeAsked, knownAgencies: ReadonlySet<string>): RegistrationIssue[] {
  const issues: RegistrationIssue[] = checkPurposeRules(asked.rules);
  issues.push(...copyableFieldIssues(asked.rules, asked.copyable));
  asked.agencies.forEach((a, i) => {
    if (!knownAgencies.has(a)) issues.push({ path: `agencies.${i}`, code: 'unknown_agency', message: 'no such agency' });
  });
  if ((asked.officerRequestsPerMinute ?? 0) > asked.requestsPerMinute)
    issues.push({ path: 'officer_requests_per_minute', code: 'above_grant_limit', message: 'at most requests_per_minute' });
  if ((asked.officerPersonsPerHour ?? 0) > asked.personsPerHour)
    issues.push({ path: 'officer_persons_per_hour', code: 'above_grant_limit', message: 'at most persons_per_hour' });
  return issues;
}
