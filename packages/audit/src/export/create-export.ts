import { assertSize } from '../lib/validate.js';
import type { NodeLookup } from '../merkle/node-lookup.js';
import { createExportEntries } from './create-export-entries.js';
import { createExportFrame } from './create-export-frame.js';
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
  if (!Array.isArray(entries) || !Array.isArray(checkpoints) || checkpoints.length === 0)
    throw new TypeError('createExport: entries and a non-empty checkpoints list are required');
  const { anchor, ...frame } = createExportFrame({ origin, start, end: start + entries.length, checkpoints, getNode });
  return { ...frame, entries: createExportEntries(start, entries, anchor, getNode) };
}
