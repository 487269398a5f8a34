/**
 * Pure: what a grant asks beyond a window (listed records, unblurred media, sensitive cases) and
 * where its leadership approvals stand for the signed-in officer. The gateway decides; this only
 * says which buttons to offer and in which words, from what the API returned.
 */
import type { Grant, Purpose } from './api.js';

/**
 * Leadership approvals a grant needs before flagged media leave unblurred or sensitive cases are
 * disclosed: the policy's `LEADERSHIP_APPROVALS_FOR_MEDIA` and `LEADERSHIP_APPROVALS_FOR_SENSITIVE_CASES`
 * (both two; `grant-options.test.ts` checks they still agree).
 */
export const LEADERSHIP_APPROVALS_NEEDED = 2;

/** The record identifiers typed for a record-specific grant: one per line or separated by commas, each once. */
export function recordIdList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

/** What a new grant under `purpose` may ask of leadership: the gateway refuses the rest. */
export function leadershipOptions(purpose: Pick<Purpose, 'allow_unblurred_media' | 'rules'>): { unblurredMedia: boolean; sensitiveCases: boolean } {
  return { unblurredMedia: purpose.allow_unblurred_media, sensitiveCases: Object.hasOwn(purpose.rules, 'case') };
}

/** What a grant asks of leadership. */
export type LeadershipAsk = 'unblurred_media' | 'sensitive_cases';

/** Why an officer cannot give a leadership approval to a grant (null: they can). */
export type NoApproval = 'not_leadership' | 'own_grant' | 'already_approved' | 'ended' | null;

export interface LeadershipState {
  readonly asks: readonly LeadershipAsk[];
  readonly inForce: number;
  readonly needed: number;
  /** Whether the approvals in force reach what is needed. */
  readonly complete: boolean;
  readonly noApproval: NoApproval;
}

/**
 * Where the leadership approvals of `grant` stand, for `officer` (their id and roles). Null when
 * the grant asks nothing of leadership.
 */
export function leadershipState(
  grant: Pick<Grant, 'unblurred_media' | 'sensitive_cases' | 'leadership_approvals' | 'leadership_approvals_in_force' | 'created_by' | 'status'>,
  officer: { id: string; roles: readonly string[] },
): LeadershipState | null {
  const asks: LeadershipAsk[] = [];
  if (grant.unblurred_media) asks.push('unblurred_media');
  if (grant.sensitive_cases) asks.push('sensitive_cases');
  if (asks.length === 0) return null;
  const inForce = grant.leadership_approvals_in_force.length;
  const noApproval: NoApproval =
    grant.status === 'revoked' || grant.status === 'expired'
      ? 'ended'
      : !officer.roles.includes('leadership')
        ? 'not_leadership'
        : grant.created_by === officer.id
          ? 'own_grant'
          : grant.leadership_approvals.includes(officer.id)
            ? 'already_approved'
            : null;
  return { asks, inForce, needed: LEADERSHIP_APPROVALS_NEEDED, complete: inForce >= LEADERSHIP_APPROVALS_NEEDED, noApproval };
}
