/** The reason of a reveal as it is re-wrapped: the reveal's id, the stored text and the key version it is sealed at (0: in clear). */
export interface StoredRevealReason {
  readonly id: string;
  readonly reason: string;
  readonly keyVersion: number;
}

/** A reason to replace: reveal `id`'s `was` becomes `sealed` at `keyVersion`. */
export interface RevealReasonRewrap {
  readonly id: string;
  readonly was: string;
  readonly sealed: string;
  readonly keyVersion: number;
}

/**
 * The reasons officers typed to reveal protected photos, as the jobs that seal and re-wrap them see
 * them (recording a reveal is the viewer's). Each replacement is conditional on what was read, so a
 * re-wrap racing another changes nothing it did not read.
 */
export interface RevealReasonStore {
  /** Up to `limit` reasons stored below key version `below` (clear ones included), in no set order. */
  reasonsBelow(below: number, limit: number): Promise<StoredRevealReason[]>;
  /** Replaces each reason that still holds `was` (others are left alone). Returns how many were replaced. */
  replaceReasons(rewraps: readonly RevealReasonRewrap[]): Promise<number>;
  /** How many reasons are stored below `version` (clear ones included). */
  countReasonsBelow(version: number): Promise<number>;
}
