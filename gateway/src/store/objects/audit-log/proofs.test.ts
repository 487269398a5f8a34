import { canonicalEntryBytes, leafHash, rootFromLeaves, verifyConsistency, verifyInclusion } from '@need2know/audit';
import { describe, expect, it } from 'vitest';
import { consistencyOf, inclusionOf } from './proofs.js';
import { appendEntries, nodeLookup } from './tree.js';
import { inFreshLog, testEntry, proofBytes } from './test-support.js';

const entry = testEntry;

describe('proofs from storage', () => {
  it('answers inclusion and consistency proofs that verify, and nothing about trees the log does not hold', async () => {
    await inFreshLog((sql) => {
      const entries = Array.from({ length: 9 }, (_, i) => entry(i + 1));
      appendEntries(sql, entries);
      const leaves = entries.map((e) => leafHash(canonicalEntryBytes(e)));
      const lookup = nodeLookup(sql);
      const found = inclusionOf(sql, lookup, 9, 5, 7);
      expect(found?.entry).toEqual(entries[5]);
      expect(verifyInclusion(leaves[5] ?? new Uint8Array(), 5, 7, (found?.proof ?? []).map(proofBytes), rootFromLeaves(leaves.slice(0, 7)))).toBe(true);
      const proof = consistencyOf(lookup, 9, 3, 9) ?? [];
      expect(verifyConsistency(3, 9, rootFromLeaves(leaves.slice(0, 3)), rootFromLeaves(leaves), proof.map(proofBytes))).toBe(true);

      expect(inclusionOf(sql, lookup, 9, 7, 7)).toBeNull();
      expect(inclusionOf(sql, lookup, 9, 2, 10)).toBeNull();
      expect(inclusionOf(sql, lookup, 9, 9, 9)).toBeNull();
      expect(consistencyOf(lookup, 9, 0, 5)).toBeNull();
      expect(consistencyOf(lookup, 9, 6, 5)).toBeNull();
      expect(consistencyOf(lookup, 9, 5, 10)).toBeNull();
    });
  });
});
