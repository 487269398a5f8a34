/**
 * Known-answer tests from the Certificate Transparency reference implementation:
 * google/certificate-transparency, cpp/merkletree/merkle_tree_test.cc (kInputs, kSHA256Roots,
 * kSHA256Paths, kSHA256Proofs). Those vectors use 1-based leaf numbers; here they are 0-based.
 */
import { describe, expect, it } from 'vitest';
import { decodeHex, encodeHex } from '@need2know/crypto';
import { appendLeaf, emptyCompactRange, rootOf } from './compact-range.js';
import { consistencyProof } from './consistency-proof.js';
import { emptyRoot, leafHash } from './hash.js';
import { inclusionProof } from './inclusion-proof.js';
import { lookupFromLeaves } from './node-lookup.js';
import { rootFromLeaves } from './root-from-leaves.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

const h = (s: string): Uint8Array => decodeHex(s) as Uint8Array;

const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(h);
const LEAVES = INPUTS.map(leafHash);
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** kSHA256Roots: roots of the first 1..8 leaves. */
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** kSHA256Paths (RFC 9162 §2.1.3 audit paths), leaf numbers converted to 0-based. */
const PATHS = [
  { index: 0, size: 1, path: [] },
  {
    index: 0,
    size: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
/** kSHA256Proofs (RFC 9162 §2.1.4 consistency proofs). */
const PROOFS = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    m: 2,
    n: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
];

const root = (n: number): Uint8Array => h(ROOTS[n - 1] as string);

describe('RFC 9162 §2.1.1 tree hash (CT reference vectors)', () => {
  it('empty tree hashes to SHA-256 of the empty string', () => {
    expect(encodeHex(emptyRoot())).toBe(EMPTY);
    expect(encodeHex(rootFromLeaves([]))).toBe(EMPTY);
    expect(encodeHex(rootOf(emptyCompactRange()))).toBe(EMPTY);
  });

  it('rootFromLeaves and the frontier both give the published root for sizes 1..8', () => {
    let frontier = emptyCompactRange();
    for (let n = 1; n <= 8; n++) {
      frontier = appendLeaf(frontier, LEAVES[n - 1] as Uint8Array);
      expect(encodeHex(rootFromLeaves(LEAVES.slice(0, n))), `size ${n}`).toBe(ROOTS[n - 1]);
      expect(encodeHex(rootOf(frontier)), `frontier size ${n}`).toBe(ROOTS[n - 1]);
    }
  });
});

describe('RFC 9162 §2.1.3 inclusion proofs (CT reference vectors)', () => {
  const lookup = lookupFromLeaves(LEAVES);
  for (const v of PATHS) {
    it(`leaf ${v.index} in tree ${v.size}`, () => {
      const proof = inclusionProof(v.index, v.size, lookup);
      expect(proof.map(encodeHex)).toEqual(v.path);
      expect(verifyInclusion(LEAVES[v.index] as Uint8Array, v.index, v.size, v.path.map(h), root(v.size))).toBe(true);
      expect(verifyInclusion(LEAVES[v.index] as Uint8Array, v.index + 1, v.size, v.path.map(h), root(v.size))).toBe(false);
      expect(verifyInclusion(LEAVES[v.index] as Uint8Array, v.index, v.size, v.path.map(h), h(EMPTY))).toBe(false);
    });
  }
});

describe('RFC 9162 §2.1.4 consistency proofs (CT reference vectors)', () => {
  const lookup = lookupFromLeaves(LEAVES);
  for (const v of PROOFS) {
    it(`${v.m} → ${v.n}`, () => {
      expect(consistencyProof(v.m, v.n, lookup).map(encodeHex)).toEqual(v.proof);
      expect(verifyConsistency(v.m, v.n, root(v.m), root(v.n), v.proof.map(h))).toBe(true);
      if (v.proof.length > 0) {
        expect(verifyConsistency(v.m, v.n, root(v.n), root(v.m), v.proof.map(h))).toBe(false);
        expect(verifyConsistency(v.m, v.n, root(v.m), root(v.n), [])).toBe(false);
        expect(verifyConsistency(v.m, v.n, root(v.m), root(v.n), [...v.proof.map(h), h(EMPTY)])).toBe(false);
      }
    });
  }

  it('trivial cases follow the reference verifier', () => {
    expect(verifyConsistency(0, 3, h(EMPTY), root(3), [])).toBe(true);
    expect(verifyConsistency(0, 3, root(1), root(3), [])).toBe(false);
    expect(verifyConsistency(2, 1, root(2), root(1), [])).toBe(false);
    expect(verifyConsistency(1, 2, root(1), root(2), [])).toBe(false);
    expect(verifyConsistency(1, 1, root(1), root(1), [h(EMPTY)])).toBe(false);
  });
});
