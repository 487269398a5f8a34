import { assertHash, splitPoint } from '../lib/validate.js';
import { emptyRoot, nodeHash } from './hash.js';

/**
 * Merkle Tree Hash of a whole list of leaf hashes (RFC 9162 §2.1.1). Holds every leaf, so it is
 * for tests and export checks; an appender should keep a {@link CompactRange} instead.
 */
export function rootFromLeaves(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(leafHashes)) throw new TypeError('rootFromLeaves: leafHashes must be an array');
  for (const [i, h] of leafHashes.entries()) assertHash(h, `rootFromLeaves: leafHashes[${i}]`);
  if (leafHashes.length === 0) return emptyRoot();
  return mth(leafHashes, 0, leafHashes.length);
}

function mth(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 1) return leaves[start] as Uint8Array;
  const k = splitPoint(n); // RFC 9162 §2.1.1: k < n ≤ 2k
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
}
