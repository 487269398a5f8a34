import { describe, expect, it } from 'vitest';
import { anAgency, eventFor, uniq, type MakeStores } from './fixtures.js';

/** The contract of {@link ChangeStore}'s event chain, for any backend. */
export function describeChangeStoreConformance(makeStores: MakeStores): void {
  describe('change store', () => {
    it('chains each committed event to the one before, and lists events after a seq and by target', async () => {
      const stores = await makeStores();
      const target = uniq('target');
      const first = await stores.changes.commit([], eventFor(target, 'test.first'));
      const second = await stores.changes.commit([{ op: 'agency.insert', agency: anAgency() }], eventFor(target, 'test.second'));
      if (!first.ok || !second.ok) throw new Error('commits refused');
      expect(second.event.seq).toBeGreaterThan(first.event.seq);
      expect(second.event).toMatchObject({ action: 'test.second', targetId: target, actor: 'po-test' });
      const listed = await stores.changes.listEvents({ afterSeq: first.event.seq - 1, limit: 1000 });
      expect(listed[0]).toEqual(first.event);
      for (let i = 1; i < listed.length; i++) {
        expect(listed[i]?.seq).toBe((listed[i - 1]?.seq ?? 0) + 1);
        expect(listed[i]?.prevHash).toBe(listed[i - 1]?.hash);
      }
      expect(await stores.changes.listEvents({ targetId: target, limit: 10 })).toEqual([first.event, second.event]);
      expect(await stores.changes.listEvents({ targetId: target, afterSeq: first.event.seq, limit: 10 })).toEqual([second.event]);
      expect(await stores.changes.listEvents({ targetId: target, limit: 1 })).toEqual([first.event]);
    });

    it('never forks the chain under concurrent commits', async () => {
      const stores = await makeStores();
      const target = uniq('target');
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, i) => stores.changes.commit([{ op: 'agency.insert', agency: anAgency() }], eventFor(target, `test.${i}`))),
      );
      expect(outcomes.every((o) => o.ok)).toBe(true);
      const events = await stores.changes.listEvents({ targetId: target, limit: 10 });
      expect(new Set(events.map((e) => e.seq)).size).toBe(6);
      const all = await stores.changes.listEvents({ afterSeq: (events[0]?.seq ?? 1) - 1, limit: 1000 });
      for (let i = 1; i < all.length; i++) expect(all[i]?.prevHash).toBe(all[i - 1]?.hash);
    });
  });
}
