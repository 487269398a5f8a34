import type { Grant, GrantRequest, Purpose } from '@need2know/policy';
import type { AdminRequest } from './approvals.js';
import type { OriginalAuditChange } from './original-audits.js';
import type { Agency, Client, EnrolmentCode } from './registry.js';
import type { StatsChange } from './stats.js';

/** One administrative change as recorded in the hash-chained event log. `detail` never holds personal data. */
export interface AdminEvent {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

/** An event as a service writes it; the store gives it its place in the chain. */
export type NewAdminEvent = Omit<AdminEvent, 'seq' | 'prevHash' | 'hash'>;

/** What a commit did: everything (with the event as chained), or nothing. */
export type ChangeOutcome = { ok: true; event: AdminEvent } | { ok: false; reason: 'conflict' };

/** A request's closing decision (the status it is closed with; closing it as `pending` would change nothing). */
export interface Closing {
  readonly id: string;
  readonly status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  readonly by: string;
  readonly at: number;
}

/**
 * One typed step of an administrative change. A list of them is committed together by
 * {@link ChangeStore.commit}: every step applies, or none does.
 *
 * - `*.insert` creates a row; an id already taken is a conflict. `admin_request.insert` is a conflict
 *   too while a request of the same kind is pending for the same target; `grant_request.insert` while
 *   one is pending on the same grant.
 * - `*.update` (optimistic concurrency) replaces the row only if it still carries `expectedEtag`, and
 *   writes the new etag carried by the value; any other etag (or no such row) is a conflict.
 *   `client.update` replaces name, keys, ingest types and status; `grant.state` status, window end
 *   and version; `grant.approvals` the leadership approvals and version.
 * - `*.close` decides a **pending** request; a request no longer pending (or unknown) is a conflict,
 *   so a request is closed once.
 * - `enrolment_code.issue` voids the officer's open codes and stores the new one (open);
 *   `enrolment_codes.void` voids the officer's open codes (none open is not a conflict);
 *   `enrolment_code.spend` marks the code with this hash used, only if it is open and `now` is before
 *   its expiry: a code unknown, used, void or expired is a conflict, so a code enrols one viewer.
 * - `grant_requests.withdraw` withdraws every pending request on the grant, decided by `system` at
 *   `at` (none pending is not a conflict); `grant.keys_shredded` records at `at` that the viewer keys
 *   of an ended (revoked or expired) grant were destroyed, once: a grant already marked, or not
 *   ended, is left as it is (not a conflict).
 * - `stats_*` changes of statistical access: see {@link StatsChange}.
 * - `original_audit.*` requests to audit a photo's original: see {@link OriginalAuditChange}.
 */
export type AdminChange =
  | { readonly op: 'agency.insert'; readonly agency: Agency }
  | { readonly op: 'client.insert'; readonly client: Client }
  | { readonly op: 'client.update'; readonly client: Client; readonly expectedEtag: string }
  | { readonly op: 'purpose.insert'; readonly purpose: Purpose }
  | { readonly op: 'purpose.update'; readonly purpose: Purpose; readonly expectedEtag: string }
  | { readonly op: 'grant.insert'; readonly grant: Grant }
  | { readonly op: 'grant.state'; readonly grant: Grant; readonly expectedEtag: string }
  | { readonly op: 'grant.approvals'; readonly grant: Grant; readonly expectedEtag: string }
  | { readonly op: 'grant_request.insert'; readonly request: GrantRequest }
  | { readonly op: 'grant_request.close'; readonly closing: Closing }
  | { readonly op: 'admin_request.insert'; readonly request: AdminRequest }
  | { readonly op: 'admin_request.close'; readonly closing: Closing }
  | { readonly op: 'enrolment_code.issue'; readonly code: Omit<EnrolmentCode, 'status'> }
  | { readonly op: 'enrolment_codes.void'; readonly officerId: string }
  | { readonly op: 'enrolment_code.spend'; readonly codeHash: string; readonly now: number }
  | { readonly op: 'grant_requests.withdraw'; readonly grantId: string; readonly at: number }
  | { readonly op: 'grant.keys_shredded'; readonly grantId: string; readonly at: number }
  | StatsChange
  | OriginalAuditChange;

/** Which administrative events to list. */
export interface AdminEventFilter {
  /** Only events after this `seq` (0: from the start). */
  readonly afterSeq?: number;
  readonly targetId?: string;
  readonly limit: number;
}

/** The unit of work of the administrative API: typed changes and the event that records them. */
export interface ChangeStore {
  /**
   * Commits `changes` and `event` as one transaction: all or nothing. On any conflict described at
   * {@link AdminChange} the outcome is `{ ok: false, reason: 'conflict' }` and **nothing** is changed
   * or logged. On success the event is appended to the hash chain with the next `seq` and
   * `prevHash` = the previous event's hash; concurrent commits never fork the chain.
   */
  commit(changes: readonly AdminChange[], event: NewAdminEvent): Promise<ChangeOutcome>;
  /** Events oldest first (by `seq`). */
  listEvents(filter: AdminEventFilter): Promise<AdminEvent[]>;
}
