import { canonicalEntryBytes, leafHash, lookupFromLeaves, rootFromLeaves, rootOf, type LogEntry } from '@need2know/audit';
import { describe, expect, it } from 'vitest';
import { appendEntries, entryRangeByTime, entryRows, entryText, nodeLookup, readCursor, readFrontier, startIndexCursor, writeCursor } from './tree.js';
import { inFreshLog } from './test-support.js';

const admin = (seq: number, at: number): LogEntry => ({
  kind: 'admin',
  seq,
  at,
  actor: 'system',
  action: 'grant.expire',
  target_type: 'grant',
  target_id: `g${seq}`,
  detail: {},
  prev_hash: 'p',
  hash: `h${seq}`,
});

describe('the tree in storage', () => {
  it('appends in order, stores each entry as its JSON text, and its root and nodes are RFC 9162 over the canonical bytes', async () => {
    await inFreshLog((sql) => {
      const entries = Array.from({ length: 11 }, (_, i) => admin(i + 1, 100 + i));
      expect(appendEntries(sql, entries.slice(0, 4))).toEqual({ first: 0, size: 4 });
      expect(appendEntries(sql, entries.slice(4))).toEqual({ first: 4, size: 11 });
      const leaves = entries.map((e) => leafHash(canonicalEntryBytes(e)));
      expect(rootOf(readFrontier(sql))).toEqual(rootFromLeaves(leaves));
      expect(entryText(sql, 6)).toBe(JSON.stringify(entries[6]));
      expect(entryText(sql, 11)).toBeUndefined();
      // Every complete subtree is stored and equals the one computed from the leaves.
      const expected = lookupFromLeaves(leaves);
      const stored = nodeLookup(sql);
      for (const [level, index] of [
        [0, 10],
        [1, 4],
        [2, 1],
        [3, 0],
      ] as const)
        expect(stored(level, index)).toEqual(expected(level, index));
      expect(stored(3, 1)).toBeUndefined();
      expect(entryRows(sql, 3, 6, 10).map((r) => r.idx)).toEqual([3, 4, 5]);
      expect(entryRows(sql, 3, 11, 2).map((r) => r.idx)).toEqual([3, 4]);
    });
  });

  it('finds the entries of a time range', async () => {
    await inFreshLog((sql) => {
      appendEntries(sql, [admin(1, 100), admin(2, 200), admin(3, 300)]);
      expect(entryRangeByTime(sql, 150, 301)).toEqual({ start: 1, end: 3 });
      expect(entryRangeByTime(sql, 400, 500)).toBeNull();
    });
  });

  it('keeps named cursors; the index cursor starts after what was stored before it existed', async () => {
    await inFreshLog((sql) => {
      // The object's constructor started the cursor of this empty log at 0.
      expect(readCursor(sql, 'index_next')).toBe(0);
      appendEntries(sql, [admin(1, 1), admin(2, 2)]);
      sql.exec("DELETE FROM cursors WHERE name = 'index_next'");
      startIndexCursor(sql);
      expect(readCursor(sql, 'index_next')).toBe(2);
      startIndexCursor(sql);
      expect(readCursor(sql, 'index_next')).toBe(2);
      writeCursor(sql, 'admin_seq', 9);
      expect(readCursor(sql, 'admin_seq')).toBe(9);
    });
  });
});
