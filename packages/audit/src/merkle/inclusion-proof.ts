import { AuditError } from '../errors.js';
import { assertSize, splitPoint } from '../lib/validate.js';
import { rangeHash, recordNodeIds } from './node-lookup.js';
import type { NodeId, NodeLookup } from './node-lookup.js';

/**
 * Inclusion proof (audit path) of leaf `leafIndex` in the tree of the first `treeSize` leaves,
 * ordered from the leaf upwards (RFC 9162 §2.1.3.1). Nodes come from `getNode`.
 *
 * @throws AuditError `ERR_INDEX_RANGE` if leafIndex ≥ treeSize; `ERR_NODE_MISSING` if the lookup
 * lacks a node.
 */
export function inclusionProof(leafIndex: number, treeSize: number, getNode: NodeLookup): Uint8Array[] {
  assertSize(leafIndex, 'inclusionProof: leafIndex');
  assertSize(treeSize, 'inclusionProof: treeSize');
  if (typeof getNode !== 'function') throw new TypeError('inclusionProof: getNode must be a function');
  if (leafIndex >= treeSize) throw new AuditError('ERR_INDEX_RANGE', 'leaf index is not below the tree size');
  const proof: Uint8Array[] = [];
  path(leafIndex, 0, treeSize, getNode, proof);
  return proof;
}

/** The perfect subtrees {@link inclusionProof} will ask for: prefetch these, then build the proof. */
export function inclusionProofNodes(leafIndex: number, treeSize: number): NodeId[] {
  return recordNodeIds((get) => inclusionProof(leafIndex, treeSize, get));
}

// PATH(m, D[start:end]) with m relative to start; appends leaf-to-root.
function path(m: number, start: number, end: number, getNode: NodeLookup, out: Uint8Array[]): void {
  const n = end - start;
  if (n === 1) return; // RFC 9162 §2.1.3.1: PATH(0, {d(0)}) = {}
  const k = splitPoint(n);
  if (m < k) {
    path(m, start, start + k, getNode, out); // RFC 9162 §2.1.3.1: m < k: PATH(m, D[0:k]) : MTH(D[k:n])
    out.push(rangeHash(start + k, end, getNode));
  } else {
    path(m - k, start + k, end, getNode, out); // RFC 9162 §2.1.3.1: m ≥ k: PATH(m − k, D[k:n]) : MTH(D[0:k])
    out.push(rangeHash(start, start + k, getNode));
  }
}
