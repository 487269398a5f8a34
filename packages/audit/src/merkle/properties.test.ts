import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendLeaf, emptyCompactRange, rootOf } from './compact-range.js';
import { consistencyProof } from './consistency-proof.js';
import { leafHash } from './hash.js';
import { inclusionProof, inclusionProofNodes } from './inclusion-proof.js';
import { lookupFromLeaves } from './node-lookup.js';
import { rootFromLeaves } from './root-from-leaves.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

const leaves = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => leafHash(Uint8Array.of(i & 0xff, i >> 8, 7)));
const flip = (h: Uint8Array, bit: number): Uint8Array => {
  const out = h.slice();
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7));
  return out;
};

/** Node lookup over 1024 leaves, for proof shapes of other sizes. */
const BIG = lookupFromLeaves(leaves(1024));

/** A tree size and an index in it. */
const treeAndIndex = fc
  .integer({ min: 1, max: 300 })
  .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 255 })));
/** Two tree sizes 1 ≤ m ≤ n. */
const twoSizes = fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n), fc.integer({ min: 0, max: 255 })));

describe('Merkle properties', () => {
  it('the frontier root equals rootFromLeaves for every size up to 300', () => {
    const all = leaves(300);
    let state = emptyCompactRange();
    expect(rootOf(state)).toEqual(rootFromLeaves([]));
    for (let n = 1; n <= all.length; n++) {
      state = appendLeaf(state, all[n - 1] as Uint8Array);
      expect(rootOf(state), `size ${n}`).toEqual(rootFromLeaves(all.slice(0, n)));
      expect(state.hashes.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n + 1)));
    }
  });

  it('inclusion proofs verify, and any one-bit change to proof, leaf, root, index or size fails', () => {
    fc.assert(
      fc.property(treeAndIndex, ([n, i, bit]) => {
        const ls = leaves(n);
        const root = rootFromLeaves(ls);
        const leaf = ls[i] as Uint8Array;
        const proof = inclusionProof(i, n, lookupFromLeaves(ls));
        expect(inclusionProofNodes(i, n).length).toBeGreaterThanOrEqual(proof.length);
        expect(verifyInclusion(leaf, i, n, proof, root)).toBe(true);
        expect(verifyInclusion(flip(leaf, bit), i, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, i, n, proof, flip(root, bit))).toBe(false);
        proof.forEach((_, k) => {
          const bad = proof.slice();
          bad[k] = flip(proof[k] as Uint8Array, bit);
          expect(verifyInclusion(leaf, i, n, bad, root)).toBe(false);
        });
        for (let b = 0; b < 10; b++) {
          if ((i ^ (1 << b)) < n) expect(verifyInclusion(leaf, i ^ (1 << b), n, proof, root)).toBe(false);
          // The proof does not bind the size on its own (the signed checkpoint does, next to the
          // root): a one-bit size change must fail whenever it changes the shape of the audit path.
          const m = n ^ (1 << b);
          if (m > i && m <= 1024 && inclusionProof(i, m, BIG).length !== proof.length) {
            expect(verifyInclusion(leaf, i, m, proof, root)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('consistency proofs verify, and any one-bit change to proof, roots or sizes fails', () => {
    fc.assert(
      fc.property(twoSizes, ([m, n, bit]) => {
        const ls = leaves(n);
        const oldRoot = rootFromLeaves(ls.slice(0, m));
        const newRoot = rootFromLeaves(ls);
        const proof = consistencyProof(m, n, lookupFromLeaves(ls));
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(true);
        expect(verifyConsistency(m, n, flip(oldRoot, bit), newRoot, proof)).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, flip(newRoot, bit), proof)).toBe(false);
        proof.forEach((_, k) => {
          const bad = proof.slice();
          bad[k] = flip(proof[k] as Uint8Array, bit);
          expect(verifyConsistency(m, n, oldRoot, newRoot, bad)).toBe(false);
        });
        for (let b = 0; b < 10; b++) {
          const m2 = m ^ (1 << b);
          if (m2 >= 1 && m2 <= n && m2 !== m) expect(verifyConsistency(m2, n, oldRoot, newRoot, proof)).toBe(false);
          // As for inclusion, sizes are bound by the signed checkpoint; a size change that changes
          // the proof's length must fail.
          const n2 = n ^ (1 << b);
          if (n2 >= m && n2 !== n && m !== n && n2 <= 1024 && consistencyProof(m, n2, BIG).length !== proof.length) {
            expect(verifyConsistency(m, n2, oldRoot, newRoot, proof)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
