/** A stored version of a record, as storage hands it to the services that open it (its fields still sealed). */
export interface RecordRow {
  readonly type: string;
  readonly id: string;
  readonly version: number;
  /** The data owner that ingested it. */
  readonly owner: string;
  /** Sealed fields, by name (each an envelope of `@need2know/crypto`). */
  readonly sealed: Record<string, string>;
  /** Fields stored in clear, by name. */
  readonly plain: Record<string, unknown>;
  /** Coarse values row-scope filters match (e.g. a place code, a month), by name. */
  readonly facets: Record<string, unknown>;
  /** The field-key version the sealed fields are sealed at. */
  readonly keyVersion: number;
  readonly ingestedAt: number;
  readonly ingestedBy: string;
  /** Written by an ingest whose log entry is not yet known to be appended: never read, never disclosed. */
  readonly pending: boolean;
}
