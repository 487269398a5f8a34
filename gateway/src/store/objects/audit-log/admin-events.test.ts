import { adminEntry } from '@need2know/audit';
import { describe, expect, it } from 'vitest';
import { carryAdminEntries, freshAdminEntries } from './admin-events.js';
import { entryRows, readCursor } from './tree.js';
import { inFreshLog } from './test-support.js';

const event = (seq: number) =>
  adminEntry({
    seq,
    at: seq,
    actor: 'po-1',
    action: 'purpose.update',
    targetType: 'purpose',
    targetId: 'p',
    detail: {},
    prevHash: `h${seq - 1}`,
    hash: `h${seq}`,
  });

describe('administrative events', () => {
  it('keeps the events after the cursor, in seq order', () => {
    expect(freshAdminEntries([event(4), event(2), event(3), event(1)], 2).map((e) => e.seq)).toEqual([3, 4]);
    expect(freshAdminEntries([event(1)], 1)).toEqual([]);
  });

  it('carries each event once, however often the same batch is carried', async () => {
    await inFreshLog((sql) => {
      expect(carryAdminEntries(sql, [event(2), event(1)])).toBe(2);
      expect(carryAdminEntries(sql, [event(1), event(2), event(3)])).toBe(1);
      expect(carryAdminEntries(sql, [event(3)])).toBe(0);
      expect(readCursor(sql, 'admin_seq')).toBe(3);
      expect(entryRows(sql, 0, 10, 10).map((r) => (JSON.parse(r.entry) as { seq: number }).seq)).toEqual([1, 2, 3]);
    });
  });
});
