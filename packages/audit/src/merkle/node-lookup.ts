import { HASH_BYTES } from '../constants.js';
import { AuditError } from '../errors.js';
import { splitPoint } from '../lib/validate.js';
import { nodeHash } from './hash.js';

/**
 * Identifies a perfect subtree: the one of height `level` covering leaves
 * [index·2^level, (index+1)·2^level). Level 0 nodes are leaf hashes.
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** A perfect subtree with its hash, as produced by `appendLeafWithNodes`. */
export interface StoredNode extends NodeId {
  readonly hash: Uint8Array;
}

/**
 * Returns the hash of a perfect subtree, or `undefined` if the store does not have it. Proof
 * functions only ask for perfect subtrees, which never change once complete, so a Durable Object
 * can store them as `appendLeafWithNodes` reports them and answer from a synchronous read (or
 * prefetch the ids from `inclusionProofNodes` / `consistencyProofNodes` into a Map).
 */
export type NodeLookup = (level: number, index: number) => Uint8Array | undefined;

/**
 * MTH(D[start:end]) (RFC 9162 §2.1.1) computed from perfect subtrees: an aligned power-of-two
 * range is one lookup; any other range splits at the largest power of two below its size, exactly
 * as the MTH definition does, so the result is the same hash. Internal.
 */
export function rangeHash(start: number, end: number, getNode: NodeLookup): Uint8Array {
  const n = end - start;
  const level = alignedLevel(start, n);
  if (level !== undefined) return lookup(getNode, level, start / 2 ** level);
  const k = splitPoint(n);
  return nodeHash(rangeHash(start, start + k, getNode), rangeHash(start + k, end, getNode));
}

function alignedLevel(start: number, n: number): number | undefined {
  let level = 0;
  let size = 1;
  while (size < n) {
    size *= 2;
    level += 1;
  }
  return size === n && start % size === 0 ? level : undefined;
}

function lookup(getNode: NodeLookup, level: number, index: number): Uint8Array {
  const h = getNode(level, index);
  if (h === undefined) throw new AuditError('ERR_NODE_MISSING', `node lookup has no hash for level ${level} index ${index}`);
  if (!(h instanceof Uint8Array) || h.length !== HASH_BYTES)
    throw new AuditError('ERR_HASH_LENGTH', `node lookup returned a hash that is not ${HASH_BYTES} bytes`);
  return h;
}

/**
 * A {@link NodeLookup} over a full array of leaf hashes, computing every perfect subtree on demand
 * (memoised). For tests and for building exports when all leaf hashes are at hand.
 */
export function lookupFromLeaves(leafHashes: readonly Uint8Array[]): NodeLookup {
  const memo = new Map<string, Uint8Array>();
  const get: NodeLookup = (level, index) => {
    const first = index * 2 ** level;
    if (first + 2 ** level > leafHashes.length) return undefined;
    if (level === 0) return leafHashes[index];
    const key = `${level}/${index}`;
    let h = memo.get(key);
    if (h === undefined) {
      const l = get(level - 1, 2 * index);
      const r = get(level - 1, 2 * index + 1);
      if (l === undefined || r === undefined) return undefined;
      h = nodeHash(l, r);
      memo.set(key, h);
    }
    return h;
  };
  return get;
}

/** Runs `compute` with a recording lookup and returns the distinct nodes it asked for. Internal. */
export function recordNodeIds(compute: (getNode: NodeLookup) => unknown): NodeId[] {
  const seen = new Map<string, NodeId>();
  const placeholder = new Uint8Array(HASH_BYTES);
  compute((level, index) => {
    seen.set(`${level}/${index}`, { level, index });
    return placeholder;
  });
  return [...seen.values()];
}
