import { EXPORT_FORMAT } from '../constants.js';
import { parseCheckpoint } from '../checkpoint/parse.js';
import { encodeBase64 } from '@need2know/crypto';
import { assertSize } from '../lib/validate.js';
import { consistencyProof } from '../merkle/consistency-proof.js';
import type { NodeLookup } from '../merkle/node-lookup.js';
import type { AuditExport } from './types.js';

/** Everything of an export but its entries: what a streamed export sends before them. */
export type ExportFrame = Omit<AuditExport, 'entries'> & {
  /** Size of the anchor (last) checkpoint: every entry is proven in the tree of this size. */
  readonly anchor: number;
};

/** Input of {@link createExportFrame}. */
export interface CreateExportFrameInput {
  readonly origin: string;
  /** The segment [start, end) the export will hold. */
  readonly start: number;
  readonly end: number;
  /** Signed checkpoint notes, ascending size; the last must cover `end`. */
  readonly checkpoints: readonly string[];
  readonly getNode: NodeLookup;
}

/**
 * The frame of an export of [start, end): checkpoints, the consistency proofs chaining them, and the
 * anchor size. With {@link createExportEntries} page by page, it makes the same export as
 * `createExport` without holding every entry at once.
 *
 * @throws AuditError `ERR_MALFORMED` for an unparsable checkpoint, `ERR_NODE_MISSING` if the
 * lookup lacks a node; TypeError if the checkpoints are out of order or do not cover the segment.
 */
export function createExportFrame(input: CreateExportFrameInput): ExportFrame {
  const { origin, start, end, checkpoints, getNode } = input;
  assertSize(start, 'createExportFrame: start');
  assertSize(end, 'createExportFrame: end');
  if (end < start) throw new TypeError('createExportFrame: end must not be below start');
  if (!Array.isArray(checkpoints) || checkpoints.length === 0) throw new TypeError('createExportFrame: a non-empty checkpoints list is required');
  const sizes = checkpoints.map((note) => {
    const cp = parseCheckpoint(note);
    if (cp.origin !== origin) throw new TypeError('createExportFrame: checkpoint of another origin');
    return cp.size;
  });
  sizes.forEach((s, k) => {
    if (k > 0 && s < (sizes[k - 1] as number)) throw new TypeError('createExportFrame: checkpoints must be in ascending size');
  });
  const anchor = sizes[sizes.length - 1] as number;
  if (anchor < end) throw new TypeError('createExportFrame: the last checkpoint does not cover the segment');
  return {
    format: EXPORT_FORMAT,
    origin,
    start,
    end,
    anchor,
    checkpoints: [...checkpoints],
    consistency: sizes.slice(1).map((s, k) => consistencyProof(sizes[k] as number, s, getNode).map(encodeBase64)),
  };
}
