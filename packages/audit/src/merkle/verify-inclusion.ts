import { equalBytes } from '../lib/bytes.js';
import { assertHash, assertSize } from '../lib/validate.js';
import { nodeHash } from './hash.js';

/**
 * True when `proof` shows that `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves
 * whose root is `root` (RFC 9162 §2.1.3.2). Returns false for any mismatch, including an index
 * outside the tree or a proof of the wrong length; throws TypeError only for wrongly typed input.
 */
export function verifyInclusion(leafHash: Uint8Array, leafIndex: number, treeSize: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  assertHash(leafHash, 'verifyInclusion: leafHash');
  assertSize(leafIndex, 'verifyInclusion: leafIndex');
  assertSize(treeSize, 'verifyInclusion: treeSize');
  assertHash(root, 'verifyInclusion: root');
  if (!Array.isArray(proof)) throw new TypeError('verifyInclusion: proof must be an array');
  for (const [i, p] of proof.entries()) assertHash(p, `verifyInclusion: proof[${i}]`);

  if (leafIndex >= treeSize) return false; // §2.1.3.2 step 1
  let fn = leafIndex; // step 2
  let sn = treeSize - 1;
  let r = leafHash; // step 3
  for (const p of proof) {
    if (sn === 0) return false; // step 4a
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r); // step 4b: HASH(0x01 || p || r)
      if (fn % 2 === 0) {
        // step 4b.ii: shift until LSB(fn) is set or fn is 0
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p); // step 4b otherwise: HASH(0x01 || r || p)
    }
    fn = Math.floor(fn / 2); // step 4c
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root); // step 5
}
