/** A reason stated with record requests, as stored: sealed at `keyVersion`, named by its keyed hash. */
export interface StoredRequestReason {
  /** The keyed hash disclosure log entries name the reason by (`reason_hash`). */
  readonly reasonHash: string;
  /** The sealed text (an envelope bound to `reasonHash`). */
  readonly sealed: string;
  readonly keyVersion: number;
}

/** A sealed reason to replace after a key rotation: `was` becomes `sealed` at `keyVersion`. */
export interface RequestReasonRewrap {
  readonly reasonHash: string;
  readonly was: string;
  readonly sealed: string;
  readonly keyVersion: number;
}

/**
 * The reasons partners and officers state with record requests (issue 16). They may name people, so
 * only sealed texts are stored, one per distinct reason, keyed by the hash the log names them by;
 * keeping a reason already kept changes nothing. Read back only for oversight (subject access).
 */
export interface RequestReasonStore {
  /** Keeps `reason` unless a reason with its hash is kept already (first written wins; the same text seals to the same hash). */
  keepReason(reason: StoredRequestReason, at: number): Promise<void>;
  /** The kept reasons among `hashes` (unknown hashes are left out), in no set order. */
  reasonsByHash(hashes: readonly string[]): Promise<StoredRequestReason[]>;
  /** Up to `limit` reasons sealed below key version `below`. */
  reasonsBelow(below: number, limit: number): Promise<StoredRequestReason[]>;
  /** Replaces each reason that still holds `was`; returns how many were replaced. */
  replaceReasons(rewraps: readonly RequestReasonRewrap[]): Promise<number>;
  /** How many reasons are sealed below `version`. */
  countReasonsBelow(version: number): Promise<number>;
}
