/**
 * The statistics port: what the statistics services need of storage (grants, the public tier, the
 * requests waiting for a second officer, the privacy-budget ledger, the register of releases, the
 * place list, the records' counts and the protected tables kept between releases), in types that
 * name no database. Changes to grants, the public tier, requests and the place list are typed
 * changes ({@link StatsChange}) committed with their administrative event by `ChangeStore.commit`.
 */
import type { PublicSetting, TableAccess, TableProvenance } from '@need2know/policy';
import type { TabulationRow } from '@need2know/stats';
import type { ApprovalRequest } from './approvals.js';
import type { Closing } from './changes.js';

/** A statistics grant. */
export interface StatsGrant {
  readonly id: string;
  readonly agencyId: string;
  readonly purpose: string;
  readonly legalBasis: string;
  readonly tables: Readonly<Record<string, TableAccess>>;
  /** Total ε (millionths) the agency may spend under this purpose, over all its releases. */
  readonly epsilonBudgetMicro: number;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly status: 'active' | 'suspended' | 'revoked';
  readonly etag: string;
  readonly requestedBy: string;
  readonly approvedBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A table's public tier with its concurrency token and last change. */
export interface StoredPublicSetting extends PublicSetting {
  readonly etag: string;
  readonly updatedBy: string;
  readonly updatedAt: number;
}

/** The kinds of statistics change that wait for a second privacy officer. */
export const STATS_REQUEST_KINDS = ['grant.create', 'public.update'] as const;
export type StatsRequestKind = (typeof STATS_REQUEST_KINDS)[number];

/** A change that widens statistical access, waiting for a second privacy officer. */
export type StatsRequest = ApprovalRequest<StatsRequestKind>;

/** One spend of privacy budget. */
export interface Spend {
  readonly id: string;
  readonly consumer: string;
  readonly purpose: string;
  readonly table: string;
  readonly epsilonMicro: number;
  /** The budget the spend must stay within (from the grant or the public tier, as it stands now). */
  readonly limitMicro: number;
  readonly releaseId: string;
  readonly clientId: string | null;
  readonly at: number;
}

/** Outcome of a spend: ε spent so far by its consumer and purpose (after the spend when it was made). */
export type SpendOutcome = { readonly ok: true; readonly spentMicro: number } | { readonly ok: false; readonly spentMicro: number };

/** A ledger line for oversight. */
export interface LedgerLine {
  readonly consumer: string;
  readonly purpose: string;
  readonly spentMicro: number;
  readonly spends: number;
  readonly lastAt: number | null;
}

/** A release in the register. */
export interface ReleaseRow {
  readonly id: string;
  readonly consumer: string;
  readonly purpose: string;
  readonly grantId: string | null;
  readonly clientId: string | null;
  readonly table: string;
  readonly paramsHash: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly protection: Readonly<Record<string, unknown>>;
  readonly cells: number;
  readonly withheld: number;
  readonly responseHash: string;
  /** The release document, kept when it is answered again (public and differentially private releases). */
  readonly body: string | null;
  readonly logIndex: number;
  readonly createdAt: number;
}

/** The versions a table of one record type and year is counted from now (0: never versioned yet). */
export interface DataVersions {
  readonly data: number;
  readonly places: number;
}

/** Which protected finest table: a statistics table, its (calendar or ISO) year and the threshold step. */
export interface ProtectedTableKey {
  readonly table: string;
  readonly year: number;
  readonly step: number;
}

/** A stored protected finest table, in its published form (no count of a withheld cell). */
export interface ProtectedTableRow extends ProtectedTableKey, TableProvenance {
  /** Place codes of the table's place dimension (empty for a table without one). */
  readonly places: readonly string[];
  /** gzip of `encodePublished`. */
  readonly cells: Uint8Array;
  readonly cellCount: number;
  readonly withheld: number;
  readonly computedAt: number;
}

/** The lease on computing one table and year, as held by `holder`. */
export interface ProtectionLease {
  readonly table: string;
  readonly year: number;
  readonly holder: string;
}

/** What the store reads of a statistics table's definition: its record type, unit search and the facets of its dimensions. */
export interface CountedTable {
  readonly recordType: string;
  readonly unitSearch: string;
  readonly dimensions: ReadonlyArray<{ readonly facet: string; readonly kind: string }>;
}

/** The time window counted, as facet bounds (inclusive; months and ISO weeks sort as text). */
export interface CountWindow {
  readonly from: string;
  readonly to: string;
}

/** A record for contribution bounding: its privacy unit, an ordering key and its facet values. */
export interface UnitRow {
  readonly unit: string;
  readonly key: string;
  readonly values: readonly unknown[];
}

/** What a protected table is computed from, read at one moment: the versions, the place list and the counts. */
export interface FinestCounts {
  readonly versions: DataVersions;
  readonly places: string[];
  readonly rows: TabulationRow[];
}

/**
 * Typed changes of statistical access, committed with their event by `ChangeStore.commit` (all or
 * nothing; on a conflict nothing is changed or logged):
 *
 * - `stats_request.insert` opens a request; a conflict while one of the same kind is pending for the
 *   same target, or when its id is taken.
 * - `stats_request.close` decides a **pending** request; one no longer pending (or unknown) is a
 *   conflict, so a request is closed once.
 * - `stats_grant.insert` creates a grant; an id already taken is a conflict.
 * - `stats_grant.status` writes the grant's status, etag and `updatedAt` only while it still carries
 *   `expectedEtag`; otherwise a conflict.
 * - `stats_public.update` replaces a table's public tier only while it still carries `expectedEtag`;
 *   otherwise (or for a table without a tier) a conflict.
 * - `stats_places.replace` replaces the place list with `codes` (each 2, 4 or 6 digits) and raises
 *   its version, so that no protected table laid out on the old list is served again.
 */
export type StatsChange =
  | { readonly op: 'stats_request.insert'; readonly request: StatsRequest }
  | { readonly op: 'stats_request.close'; readonly closing: Closing }
  | { readonly op: 'stats_grant.insert'; readonly grant: StatsGrant }
  | { readonly op: 'stats_grant.status'; readonly grant: StatsGrant; readonly expectedEtag: string }
  | { readonly op: 'stats_public.update'; readonly setting: StoredPublicSetting; readonly expectedEtag: string }
  | { readonly op: 'stats_places.replace'; readonly codes: readonly string[] };

/** Reads and the few writes of statistics that are not administrative changes. */
export interface StatsStore {
  /** Statistics grant `id`, or null. */
  getGrant(id: string): Promise<StatsGrant | null>;
  /** Grants of `purpose` for `agencyId`, any status. */
  grantsFor(agencyId: string, purpose: string): Promise<StatsGrant[]>;
  /** Every grant, newest first (`createdAt` descending, then id). */
  listGrants(): Promise<StatsGrant[]>;

  /** The public tier of `table`, or null when the table has none. */
  getPublicSetting(table: string): Promise<StoredPublicSetting | null>;
  /** Every table's public tier, by table name. */
  listPublicSettings(): Promise<StoredPublicSetting[]>;

  /** Request `id` (any status), or null. */
  getRequest(id: string): Promise<StatsRequest | null>;
  /** Requests with `status` (every status for `all`), newest first (`requestedAt` descending, then id). */
  listRequests(status: StatsRequest['status'] | 'all'): Promise<StatsRequest[]>;

  /**
   * Spends ε from the ledger of (consumer, purpose), or refuses when `spent + ε` would exceed
   * `limitMicro`. One transaction: the ledger is raised and the spend recorded together, or neither.
   * Concurrent spends are serialised: two racing spends never both pass a limit only one fits in.
   */
  spend(spend: Spend): Promise<SpendOutcome>;
  /** ε spent so far by (consumer, purpose), in millionths (0 when never). */
  spentMicro(consumer: string, purpose: string): Promise<number>;
  /** Every ledger with its number of spends and the last one's time, by consumer then purpose. */
  listLedgers(): Promise<LedgerLine[]>;

  /** Records a release in the register (its id must be new). */
  recordRelease(release: ReleaseRow): Promise<void>;
  /** The newest release of the same request by the same consumer and purpose made at or after `since` whose body was kept, or null. */
  reusableRelease(consumer: string, purpose: string, paramsHash: string, since: number): Promise<ReleaseRow | null>;
  /** Releases, newest first (`createdAt` descending, then id), at most `limit`, without their bodies (`body` null). */
  listReleases(limit: number): Promise<ReleaseRow[]>;

  /** Codes of the place list, every level, in code order. */
  placeCodes(): Promise<string[]>;
  /** Every current record of the table's type in the window with its privacy unit (the smallest blind-index tag of its unit search; `r:<id>` for a record naming no person). */
  unitRows(table: CountedTable, window: CountWindow): Promise<UnitRow[]>;

  /**
   * The kept protected table `key` (null when none) and the versions of the data it would be
   * counted from now (records of `recordType` in its year, and the place list), read at one moment.
   */
  keptProtectedTable(key: ProtectedTableKey, recordType: string): Promise<{ kept: ProtectedTableRow | null; current: DataVersions }>;
  /**
   * The versions of the data of `table` in `year`, the place list and the counts of current records
   * by facet values in `window`, read in one transaction: the versions name exactly what was counted.
   */
  finestCounts(table: CountedTable, year: number, window: CountWindow): Promise<FinestCounts>;
  /**
   * Keeps each of `rows` (one per step) in place of its table's previous row, and gives up `lease`:
   * one transaction. A row is not written over a kept row of the same format made from newer data
   * (a higher data or place-list version), so a slow computation puts no older figures back.
   */
  keepProtectedTables(rows: readonly ProtectedTableRow[], lease: ProtectionLease): Promise<void>;
  /**
   * Takes the lease on computing `lease.table` of `lease.year` for `lease.holder` until `expiresAtMs`,
   * if nobody holds it or the holder's lease expired at `nowMs`. Of two racing takers exactly one
   * gets it. True when the holder now holds it.
   */
  takeProtectionLease(lease: ProtectionLease, nowMs: number, expiresAtMs: number): Promise<boolean>;
  /** True while someone holds an unexpired lease on computing `table` of `year` at `nowMs`. */
  protectionLeaseHeld(table: string, year: number, nowMs: number): Promise<boolean>;
  /** Gives up `lease` (nothing if another holder took it over meanwhile). */
  giveUpProtectionLease(lease: ProtectionLease): Promise<void>;
}
