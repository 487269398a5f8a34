import type { Grant, GrantRequest, GrantStatus } from '@need2know/policy';

/** Which grants to list. */
export interface GrantFilter {
  readonly purposeId?: string;
  readonly agencyId?: string;
  readonly status?: GrantStatus;
}

/**
 * Reads of grants and of the changes to them waiting for a second officer. Every grant read carries
 * its leadership approvers' **current** standing (`leadershipApprovers`: kind, status and roles as the
 * registry holds them at the time of the read; an approver no longer registered is left out), so the
 * policy judges approvals by who the approvers are now. Writes go through {@link ChangeStore.commit}.
 */
export interface GrantStore {
  /** Grant `id`, or null. */
  getGrant(id: string): Promise<Grant | null>;
  /** Grants matching every field of `filter` that is set, newest first (`createdAt` descending, then id). */
  listGrants(filter?: GrantFilter): Promise<Grant[]>;
  /** Grants of `purposeId` for `agencyId` with status `active` whose window is not over at `now` (`notAfter > now`). */
  activeGrantsFor(purposeId: string, agencyId: string, now: number): Promise<Grant[]>;
  /**
   * Grants not yet final (`pending`, `active`, `suspended`) whose window is over at `now`
   * (`notAfter <= now`), soonest over first, at most `limit`.
   */
  grantsDueToExpire(now: number, limit: number): Promise<Grant[]>;
  /** Ended grants (`revoked`, `expired`) whose viewer keys are not yet recorded as destroyed, least recently changed first (`updatedAt`), at most `limit`. */
  grantsToShred(limit: number): Promise<string[]>;
  /** The pending request on grant `grantId` (at most one is ever open), or null. */
  openRequestFor(grantId: string): Promise<GrantRequest | null>;
  /** Every request on grant `grantId`, open and decided, oldest first (`requestedAt`, then id). */
  requestsFor(grantId: string): Promise<GrantRequest[]>;
  /** Every pending request on any grant, oldest first (`requestedAt`, then id). */
  pendingGrantRequests(): Promise<GrantRequest[]>;
}
