/** A log checkpoint: the body of a c2sp.org/tlog-checkpoint note. */
export interface Checkpoint {
  /** Unique identity of the log, e.g. `gateway.example.gov/need2know/audit`. */
  readonly origin: string;
  /** Number of leaves in the tree. */
  readonly size: number;
  /** RFC 9162 root hash of the first `size` leaves (32 bytes). */
  readonly root: Uint8Array;
  /** Optional extension lines, without their newlines. */
  readonly extensions?: readonly string[];
}
