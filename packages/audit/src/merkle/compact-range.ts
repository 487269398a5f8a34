import { assertHash, assertSize } from '../lib/validate.js';
import { emptyRoot, nodeHash } from './hash.js';
import type { StoredNode } from './node-lookup.js';

/**
 * The frontier of a tree of `size` leaves: the roots of the perfect subtrees that cover leaves
 * [0, size), largest (leftmost) first — one per set bit of `size`, so at most 53. Enough to append
 * and to compute the root without any other leaf. Immutable; treat as a value and persist it as is.
 */
export interface CompactRange {
  readonly size: number;
  /** `hashes[i]` is the root of the i-th perfect subtree from the left. */
  readonly hashes: readonly Uint8Array[];
}

/** The frontier of the empty tree. */
export function emptyCompactRange(): CompactRange {
  return { size: 0, hashes: [] };
}

/**
 * Appends one leaf hash and returns the new frontier together with every perfect subtree the
 * append completed (the leaf itself at level 0, then each merge). A store that keeps these nodes
 * can answer any later {@link NodeLookup} request.
 */
export function appendLeafWithNodes(state: CompactRange, leafHash: Uint8Array): { state: CompactRange; nodes: StoredNode[] } {
  checkRange(state);
  assertHash(leafHash, 'appendLeaf: leafHash');
  if (state.size >= Number.MAX_SAFE_INTEGER) throw new TypeError('appendLeaf: tree is full');
  const hashes = state.hashes.slice();
  let hash = leafHash;
  let level = 0;
  let index = state.size;
  const nodes: StoredNode[] = [{ level, index, hash }];
  // Each trailing 1-bit of the old size is a perfect subtree of equal height to merge with.
  let size = state.size;
  while (size % 2 === 1) {
    const left = hashes.pop() as Uint8Array;
    hash = nodeHash(left, hash);
    level += 1;
    index = Math.floor(index / 2);
    nodes.push({ level, index, hash });
    size = Math.floor(size / 2);
  }
  hashes.push(hash);
  return { state: { size: state.size + 1, hashes }, nodes };
}

/** Appends one leaf hash; returns the new frontier (the old one is unchanged). */
export function appendLeaf(state: CompactRange, leafHash: Uint8Array): CompactRange {
  return appendLeafWithNodes(state, leafHash).state;
}

/** Root hash of the tree the frontier describes: the subtrees folded right to left (RFC 9162 §2.1.1). */
export function rootOf(state: CompactRange): Uint8Array {
  checkRange(state);
  const { hashes } = state;
  if (hashes.length === 0) return emptyRoot();
  let root = hashes[hashes.length - 1] as Uint8Array;
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i] as Uint8Array, root);
  return root;
}

function checkRange(state: CompactRange): void {
  if (typeof state !== 'object' || state === null || !Array.isArray(state.hashes)) throw new TypeError('CompactRange expected');
  assertSize(state.size, 'CompactRange.size');
  if (popCount(state.size) !== state.hashes.length) throw new TypeError('CompactRange: hash count does not match size');
  for (const [i, h] of state.hashes.entries()) assertHash(h, `CompactRange.hashes[${i}]`);
}

function popCount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
}
