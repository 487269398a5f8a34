/**
 * The records port: what ingest, reads, searches, row-scope checks and the re-wrap job need of the
 * stored record versions and their blind indexes, in types that name no database. Sealed fields stay
 * sealed here: a store holds envelopes, clear declared fields, coarse facets and keyed tags, never a
 * personal value in clear.
 */
import type { HiddenMark, RowScopeFilter } from '@need2know/policy';
import type { RecordRow } from './record-versions.js';

export type { RecordRow } from './record-versions.js';

/** A record as it is stored: sealed fields, clear fields, facets and blind-index tags. */
export interface SealedRecord {
  readonly sealed: Record<string, string>;
  readonly plain: Record<string, unknown>;
  readonly facets: Record<string, unknown>;
  /** Blind-index entries `[search, tag]`: one per declared search, one per referenced record. */
  readonly tags: ReadonlyArray<readonly [string, string]>;
  readonly keyVersion: number;
}

/** One record version to write (pending). */
export interface NewVersion {
  readonly id: string;
  readonly version: number;
  readonly sealed: SealedRecord;
}

/** A pending version to make current, with the blind-index tags of its content. */
export interface CommitVersion {
  readonly id: string;
  readonly version: number;
  readonly tags: ReadonlyArray<readonly [string, string]>;
}

/** Who writes pending versions of one record type, and when. */
export interface PendingWrite {
  readonly type: string;
  readonly owner: string;
  /** The client that ingested them. */
  readonly by: string;
  readonly at: number;
  readonly versions: readonly NewVersion[];
}

/** Position of a row in the re-wrap walk. */
export interface RowCursor {
  readonly type: string;
  readonly id: string;
  readonly version: number;
}

/** A row's envelopes to replace: by `sealed` at `keyVersion`, only while it still holds `was`. */
export interface RowRewrap {
  readonly row: RowCursor;
  readonly was: Record<string, string>;
  readonly sealed: Record<string, string>;
  readonly keyVersion: number;
}

/**
 * The stored versions of records and their blind indexes. A **current** version is the one readers
 * see; a **pending** one is written but never read, until it is committed. Every read that takes a
 * row scope filter (`rowScopeFilter` of policy) or a `hide` mark leaves the rows outside out in the
 * query itself, so such a row costs what a missing one costs.
 */
export interface RecordStore {
  /** The current versions of records `ids` of `type` (absent ids are simply missing), only those inside `scope` when given. */
  currentRecords(type: string, ids: readonly string[], scope?: RowScopeFilter | null): Promise<RecordRow[]>;
  /**
   * Ids of current records of `type` whose blind index `search` equals `tag` (candidates: may hold
   * false positives), at most `limit`, only among `within` when given, without records whose clear
   * field carries the `hide` mark, and only inside `scope` when given.
   */
  idsByTag(
    type: string,
    search: string,
    tag: string,
    limit: number,
    within?: readonly string[],
    hide?: HiddenMark | null,
    scope?: RowScopeFilter | null,
  ): Promise<string[]>;
  /** The current versions of the records {@link idsByTag} would name (without a `hide` mark), read with the lookup at once. */
  currentRecordsByTag(
    type: string,
    search: string,
    tag: string,
    limit: number,
    within?: readonly string[],
    scope?: RowScopeFilter | null,
  ): Promise<RecordRow[]>;
  /** Every committed version of record `id` of `type`, oldest first (the history kept for audit). */
  recordVersions(type: string, id: string): Promise<RecordRow[]>;
  /** The current version and every pending version of records `ids` of `type`, by id then version: what an ingest compares a batch against. */
  ingestTargets(type: string, ids: readonly string[]): Promise<RecordRow[]>;
  /**
   * Writes `write.versions` as pending, all or nothing: stored, but neither current nor indexed.
   * False, with nothing written, when a version number is taken (a concurrent ingest of the same
   * records): the caller reads again.
   */
  writePending(write: PendingWrite): Promise<boolean>;
  /**
   * Makes pending `versions` of records of `type` current, in one transaction: each record's
   * previous current version stops being current, its blind indexes are replaced by the version's
   * tags, and the data version of the statistics counting records of `type` by time facet
   * `statsTimeFacet` (null: none does) is raised for every year the records, old or new, fall in.
   * A version never replaces a newer current one (it stays pending, unread), and committing the same
   * versions again changes nothing, so a retry may commit what an interrupted ingest left.
   */
  commitVersions(type: string, statsTimeFacet: string | null, versions: readonly CommitVersion[]): Promise<void>;
  /** Rows (any state) whose envelopes are below field-key version `current`, at most `limit`, in (type, id, version) order after `after`. */
  rowsBelowKeyVersion(current: number, limit: number, after?: RowCursor): Promise<RecordRow[]>;
  /** Replaces each row's envelopes that still holds `was` (a concurrent writer wins; others are left alone), in one transaction. Returns how many were replaced. */
  rewrapRows(rewraps: readonly RowRewrap[]): Promise<number>;
  /** Record versions whose envelopes are below field-key version `version`. */
  countBelowKeyVersion(version: number): Promise<number>;
  /** Counts of record versions per field-key version. */
  keyVersionCounts(): Promise<Record<string, number>>;
}
