import type { EXPORT_FORMAT } from '../constants.js';

/** One exported log entry with its RFC 9162 §2.1.3 inclusion proof in the anchor checkpoint. */
export interface ExportedEntry {
  /** Leaf index of the entry in the log (0-based). */
  readonly index: number;
  /** The entry as logged; its leaf is leafHash(canonicalEntryBytes(entry)). */
  readonly entry: Record<string, unknown>;
  /** Inclusion proof of leaf `index` in the tree of the anchor (last) checkpoint, base64 hashes. */
  readonly proof: readonly string[];
}

/**
 * An audit export: the contiguous segment [start, end) of the log, signed checkpoints in
 * ascending size (the last one, the anchor, has size ≥ end) and consistency proofs chaining them.
 * Layout and rationale: FORMAT.md.
 */
export interface AuditExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly origin: string;
  readonly start: number;
  readonly end: number;
  readonly entries: readonly ExportedEntry[];
  /** Signed checkpoint notes, ascending size; the last one is the anchor. */
  readonly checkpoints: readonly string[];
  /** `consistency[k]` proves checkpoints[k] is a prefix of checkpoints[k + 1] (base64 hashes). */
  readonly consistency: readonly (readonly string[])[];
}

/** Stable codes of an export problem; see FORMAT.md for what each means. */
export type ExportProblemCode = 'ERR_ENTRY_MISMATCH' | 'ERR_GAP' | 'ERR_ORDER' | 'ERR_EXTRA_ENTRY' | 'ERR_SIGNATURE' | 'ERR_INCONSISTENT' | 'ERR_MALFORMED';

/** One thing wrong with an export, located by entry index or checkpoint position. */
export interface ExportProblem {
  readonly code: ExportProblemCode;
  /** Log index of the entry concerned (for ERR_GAP: the first missing index). */
  readonly index?: number;
  /** Position in `checkpoints` of the checkpoint concerned. */
  readonly checkpoint?: number;
  readonly message: string;
}

/** Outcome of `verifyExport`. `root` is the anchor checkpoint's root, base64. */
export type ExportVerification =
  | { readonly ok: true; readonly size: number; readonly root: string; readonly start: number; readonly end: number }
  | { readonly ok: false; readonly problems: readonly ExportProblem[] };
