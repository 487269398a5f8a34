import { canonicalEntryBytes, leafHash, rootFromLeaves, verifyInclusion, type NodeLookup } from '@need2know/audit';
import { describe, expect, it } from 'vitest';
import { exportPageOf, fitPage, memoLookup } from './export-pages.js';
import { appendEntries, nodeLookup } from './tree.js';
import { inFreshLog, testEntry, proofBytes } from './test-support.js';

const entry = testEntry;

describe('export pages', () => {
  it('cut at the byte budget, but always carry one entry', () => {
    const rows = [{ entry: '{"a":"xxxx"}' }, { entry: '{"b":"yyyy"}' }, { entry: '{"c":"z"}' }];
    expect(fitPage(rows, 24)).toEqual([{ a: 'xxxx' }, { b: 'yyyy' }]);
    expect(fitPage(rows, 23)).toEqual([{ a: 'xxxx' }]);
    expect(fitPage(rows, 1)).toEqual([{ a: 'xxxx' }]);
    expect(fitPage([], 10)).toEqual([]);
  });

  it('read each proof node once per page', () => {
    const asked: string[] = [];
    const lookup: NodeLookup = (level, index) => {
      asked.push(`${level}/${index}`);
      return level === 0 ? new Uint8Array([index]) : undefined;
    };
    const memo = memoLookup(lookup);
    expect([memo(0, 1), memo(0, 1), memo(1, 0), memo(1, 0)]).toEqual([new Uint8Array([1]), new Uint8Array([1]), undefined, undefined]);
    expect(asked).toEqual(['0/1', '1/0']);
  });

  it('prove each entry in the anchor tree, and refuse a range outside it', async () => {
    await inFreshLog((sql) => {
      const entries = Array.from({ length: 6 }, (_, i) => entry(i + 1));
      appendEntries(sql, entries);
      const leaves = entries.map((e) => leafHash(canonicalEntryBytes(e)));
      const page = exportPageOf(sql, nodeLookup(sql), 6, 1, 4, 5);
      expect(page.next).toBe(4);
      expect(page.entries.map((e) => e.index)).toEqual([1, 2, 3]);
      for (const e of page.entries) {
        expect(e.entry).toEqual(entries[e.index]);
        expect(verifyInclusion(leaves[e.index] ?? new Uint8Array(), e.index, 5, e.proof.map(proofBytes), rootFromLeaves(leaves.slice(0, 5)))).toBe(true);
      }
      expect(() => exportPageOf(sql, nodeLookup(sql), 6, 0, 6, 5)).toThrow(TypeError);
      expect(() => exportPageOf(sql, nodeLookup(sql), 6, 0, 7, 7)).toThrow(TypeError);
      expect(() => exportPageOf(sql, nodeLookup(sql), 6, 3, 2, 5)).toThrow(TypeError);
      expect(() => exportPageOf(sql, nodeLookup(sql), 6, -1, 2, 5)).toThrow(TypeError);
    });
  });
});
