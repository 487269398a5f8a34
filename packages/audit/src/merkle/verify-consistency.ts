import { equalBytes } from '../lib/bytes.js';
import { assertHash, assertSize, isPowerOfTwo } from '../lib/validate.js';
import { emptyRoot, nodeHash } from './hash.js';

/**
 * True when `proof` shows that the tree of `m` leaves with root `oldRoot` is a prefix of the tree
 * of `n` leaves with root `newRoot` (RFC 9162 §2.1.4.2). Returns false for any mismatch; throws
 * TypeError only for wrongly typed input.
 *
 * Edge cases outside §2.1.4.2 (which assumes 0 < m < n): m = n needs an empty proof and equal
 * roots; m = 0 needs an empty proof and `oldRoot` equal to the empty-tree hash.
 */
export function verifyConsistency(m: number, n: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  assertSize(m, 'verifyConsistency: m');
  assertSize(n, 'verifyConsistency: n');
  assertHash(oldRoot, 'verifyConsistency: oldRoot');
  assertHash(newRoot, 'verifyConsistency: newRoot');
  if (!Array.isArray(proof)) throw new TypeError('verifyConsistency: proof must be an array');
  for (const [i, p] of proof.entries()) assertHash(p, `verifyConsistency: proof[${i}]`);

  if (m > n) return false;
  if (m === n) return proof.length === 0 && equalBytes(oldRoot, newRoot);
  if (m === 0) return proof.length === 0 && equalBytes(oldRoot, emptyRoot());
  if (proof.length === 0) return false; // §2.1.4.2 step 1: an empty path fails

  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof]; // step 2: prepend first_hash
  let fn = m - 1; // step 3
  let sn = n - 1;
  while (fn % 2 === 1) {
    // step 4: shift while LSB(fn) is set
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array; // step 5
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false; // step 6a
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr); // step 6b.i
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          // step 6b.ii
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c); // step 6b otherwise
    }
    fn = Math.floor(fn / 2); // step 6c
    sn = Math.floor(sn / 2);
  }
  return equalBytes(fr, oldRoot) && equalBytes(sr, newRoot) && sn === 0; // step 7
}
