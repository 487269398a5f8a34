import { AuditError } from '../errors.js';
import { assertSize, splitPoint } from '../lib/validate.js';
import { rangeHash, recordNodeIds } from './node-lookup.js';
import type { NodeId, NodeLookup } from './node-lookup.js';

/**
 * Consistency proof between the tree of the first `m` leaves and that of the first `n` leaves
 * (RFC 9162 §2.1.4.1). Empty when m = 0 or m = n (nothing to prove).
 *
 * @throws AuditError `ERR_INDEX_RANGE` if m > n; `ERR_NODE_MISSING` if the lookup lacks a node.
 */
export function consistencyProof(m: number, n: number, getNode: NodeLookup): Uint8Array[] {
  assertSize(m, 'consistencyProof: m');
  assertSize(n, 'consistencyProof: n');
  if (typeof getNode !== 'function') throw new TypeError('consistencyProof: getNode must be a function');
  if (m > n) throw new AuditError('ERR_INDEX_RANGE', 'old tree size is larger than the new one');
  const proof: Uint8Array[] = [];
  if (m === 0 || m === n) return proof;
  subproof(m, 0, n, true, getNode, proof); // RFC 9162 §2.1.4.1: PROOF(m, D[n]) = SUBPROOF(m, D[n], true)
  return proof;
}

/** The perfect subtrees {@link consistencyProof} will ask for: prefetch these, then build the proof. */
export function consistencyProofNodes(m: number, n: number): NodeId[] {
  return recordNodeIds((get) => consistencyProof(m, n, get));
}

// SUBPROOF(m, D[start:end], b) with m relative to start.
function subproof(m: number, start: number, end: number, b: boolean, getNode: NodeLookup, out: Uint8Array[]): void {
  const n = end - start;
  if (m === n) {
    // RFC 9162 §2.1.4.1: SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}
    if (!b) out.push(rangeHash(start, end, getNode));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(m, start, start + k, b, getNode, out); // m ≤ k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
    out.push(rangeHash(start + k, end, getNode));
  } else {
    subproof(m - k, start + k, end, false, getNode, out); // m > k: SUBPROOF(m − k, D[k:n], false) : MTH(D[0:k])
    out.push(rangeHash(start, start + k, getNode));
  }
}
