import { EXPORT_FORMAT } from '../constants.js';
import { parseCheckpoint } from '../checkpoint/parse.js';
import { encodeBase64 } from '../lib/base64.js';
import { assertSize } from '../lib/validate.js';
import { consistencyProof } from '../merkle/consistency-proof.js';
import { inclusionProof } from '../merkle/inclusion-proof.js';
import type { NodeLookup } from '../merkle/node-lookup.js';
import type { AuditExport } from './types.js';

/** Input of {@link createExport}. */
export interface CreateExportInput {
  readonly origin: string;
  /** Log index of `entries[0]`. */
  readonly start: number;
  /** The entries of [start, start + entries.length), in log order. */
  readonly entries: readonly Record<string, unknown>[];
  /** Signed checkpoint notes, ascending size; the last must cover start + entries.length. */
  readonly checkpoints: readonly string[];
  /** Node hashes of the log (at least up to the last checkpoint's size). */
  readonly getNode: NodeLookup;
}

/**
 * Builds an export of a log segment for offline audit: each entry with its inclusion proof in the
 * last checkpoint, and a consistency proof between each pair of consecutive checkpoints. The
 * producer does not verify its own signatures; the auditor does, with `verifyExport`.
 *
 * @throws AuditError `ERR_MALFORMED` for an unparsable checkpoint, `ERR_NODE_MISSING` if the
 * lookup lacks a node; TypeError if the checkpoints are out of order or do not cover the segment.
 */
export function createExport(input: CreateExportInput): AuditExport {
  const { origin, start, entries, checkpoints, getNode } = input;
  assertSize(start, 'createExport: start');
  if (!Array.isArray(entries) || !Array.isArray(checkpoints) || checkpoints.length === 0) throw new TypeError('createExport: entries and a non-empty checkpoints list are required');
  const end = start + entries.length;
  const sizes = checkpoints.map((note) => {
    const cp = parseCheckpoint(note);
    if (cp.origin !== origin) throw new TypeError('createExport: checkpoint of another origin');
    return cp.size;
  });
  sizes.forEach((s, k) => {
    if (k > 0 && s < (sizes[k - 1] as number)) throw new TypeError('createExport: checkpoints must be in ascending size');
  });
  const anchor = sizes[sizes.length - 1] as number;
  if (anchor < end) throw new TypeError('createExport: the last checkpoint does not cover the segment');
  const b64 = (proof: Uint8Array[]): string[] => proof.map(encodeBase64);
  return {
    format: EXPORT_FORMAT,
    origin,
    start,
    end,
    entries: entries.map((entry, k) => ({ index: start + k, entry, proof: b64(inclusionProof(start + k, anchor, getNode)) })),
    checkpoints: [...checkpoints],
    consistency: sizes.slice(1).map((s, k) => b64(consistencyProof(sizes[k] as number, s, getNode))),
  };
}
