import { describe, expect, it } from 'vitest';
import { type ListReading, listPage } from './list-view.js';

interface Item {
  id: string;
  agency: string;
  status: string;
}
const items: Item[] = Array.from({ length: 12 }, (_, i) => ({
  id: `grt_${i}`,
  agency: i % 2 === 0 ? 'moh-tracing' : 'ministry-of-justice',
  status: i < 3 ? 'expired' : 'active',
}));
const reading: ListReading<Item> = {
  text: (x) => `${x.id} ${x.agency}`,
  value: (x, name) => (name === 'agency' ? x.agency : x.status),
  ended: (x) => x.status === 'expired',
};
const choice = { search: '', filters: {}, hideEnded: false, page: 1 };

describe('list view', () => {
  it('pages what matches, keeping the page within the pages there are', () => {
    expect(listPage(items, choice, reading, 5)).toMatchObject({ total: 12, pages: 3, page: 1 });
    expect(listPage(items, { ...choice, page: 9 }, reading, 5)).toMatchObject({ page: 3, items: [{ id: 'grt_10' }, { id: 'grt_11' }] });
  });

  it('hides ended items, filters and searches every word', () => {
    expect(listPage(items, { ...choice, hideEnded: true }, reading, 50).total).toBe(9);
    expect(listPage(items, { ...choice, filters: { agency: 'moh-tracing', status: '' } }, reading, 50).total).toBe(6);
    expect(listPage(items, { ...choice, search: 'JUSTICE grt_1' }, reading, 50).items.map((x) => x.id)).toEqual(['grt_1', 'grt_11']);
    expect(listPage(items, { ...choice, search: 'nobody' }, reading, 50)).toMatchObject({ total: 0, pages: 1, page: 1 });
  });
});
