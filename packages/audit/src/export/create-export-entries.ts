import { encodeBase64 } from '@need2know/crypto';
import { assertSize } from '../lib/validate.js';
import { inclusionProof } from '../merkle/inclusion-proof.js';
import type { NodeLookup } from '../merkle/node-lookup.js';
import type { ExportedEntry } from './types.js';

/**
 * Entries of an export, each with its inclusion proof in the tree of `anchor` leaves: `entries[k]`
 * is log entry `start + k`. Consecutive entries share most proof nodes; a lookup that remembers what
 * it read (per page) answers them once.
 *
 * @throws AuditError `ERR_NODE_MISSING` if the lookup lacks a node; TypeError if an entry lies
 * outside the anchor's tree.
 */
export function createExportEntries(start: number, entries: readonly Record<string, unknown>[], anchor: number, getNode: NodeLookup): ExportedEntry[] {
  assertSize(start, 'createExportEntries: start');
  assertSize(anchor, 'createExportEntries: anchor');
  if (start + entries.length > anchor) throw new TypeError('createExportEntries: entries beyond the anchor');
  return entries.map((entry, k) => ({ index: start + k, entry, proof: inclusionProof(start + k, anchor, getNode).map(encodeBase64) }));
}
