import { describe, expect, it } from 'vitest';
import { RECENT_MAX, remember, type RecentEntry } from './recent.js';

const entry = (n: number): RecentEntry => ({
  key: `person:p-${n}`,
  type: 'person',
  title: `Person ${n}`,
  request: { kind: 'id', recordType: 'person', id: `p-${n}` },
});

describe('the recent list', () => {
  it('puts the last opened first, once', () => {
    const list = remember(remember(remember([], entry(1)), entry(2)), entry(1));
    expect(list.map((e) => e.key)).toEqual(['person:p-1', 'person:p-2']);
  });

  it('keeps at most RECENT_MAX records', () => {
    let list: RecentEntry[] = [];
    for (let i = 0; i < RECENT_MAX + 5; i++) list = remember(list, entry(i));
    expect(list).toHaveLength(RECENT_MAX);
    expect(list[0]?.key).toBe(`person:p-${RECENT_MAX + 4}`);
  });
});
