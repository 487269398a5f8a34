import { describe, expect, it } from 'vitest';
import { anAgency, aPurpose, commitOk, eventFor, eventsOf, T0, uniq, type MakeStores } from './fixtures.js';

/** The contract of {@link PurposeStore} and of purpose changes, for any backend. */
export function describePurposeStoreConformance(makeStores: MakeStores): void {
  describe('purpose store', () => {
    it('reads back a purpose as written, lists purposes ordered by id, and refuses a taken id', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const b = aPurpose([agency.id], { id: uniq('zz-purpose'), allowUnblurredMedia: true, actions: ['fetch', 'search'] });
      const a = aPurpose([agency.id], { id: uniq('aa-purpose'), status: 'retired', rules: { person: { name_latin: 'masked', phone: 'none' } } });
      await commitOk(stores, [
        { op: 'agency.insert', agency },
        { op: 'purpose.insert', purpose: b },
        { op: 'purpose.insert', purpose: a },
      ]);
      expect(await stores.purposes.getPurpose(b.id)).toMatchObject(b);
      expect(await stores.purposes.getPurpose(a.id)).toMatchObject(a);
      expect(await stores.purposes.getPurpose(uniq('missing'))).toBeNull();
      const ids = (await stores.purposes.listPurposes()).map((p) => p.id);
      expect(ids).toEqual([...ids].sort());
      expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));

      const dup = await stores.changes.commit([{ op: 'purpose.insert', purpose: { ...a, title: 'Other' } }], eventFor(a.id));
      expect(dup).toEqual({ ok: false, reason: 'conflict' });
      expect((await stores.purposes.getPurpose(a.id))?.title).toBe(a.title);
      expect(await eventsOf(stores, a.id)).toBe(0);
    });

    it('replaces a purpose only while it carries the expected etag', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const purpose = aPurpose([agency.id]);
      await commitOk(stores, [
        { op: 'agency.insert', agency },
        { op: 'purpose.insert', purpose },
      ]);
      const next = { ...purpose, rules: { person: { name_latin: 'masked' as const } }, version: 2, etag: uniq('etag'), updatedAt: T0 + 1 };
      await commitOk(stores, [{ op: 'purpose.update', purpose: next, expectedEtag: purpose.etag }], purpose.id);
      expect(await stores.purposes.getPurpose(purpose.id)).toMatchObject(next);

      const lost = await stores.changes.commit(
        [{ op: 'purpose.update', purpose: { ...next, title: 'Lost', version: 3, etag: uniq('etag') }, expectedEtag: purpose.etag }],
        eventFor(purpose.id),
      );
      expect(lost).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.purposes.getPurpose(purpose.id)).toMatchObject(next);
      expect(await eventsOf(stores, purpose.id)).toBe(1);
    });

    it('keeps whether record requests must state a reference and reason, and reads a purpose that says nothing as not requiring them', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const required = aPurpose([agency.id], { reasonRequired: true });
      const silent = aPurpose([agency.id]);
      await commitOk(stores, [
        { op: 'agency.insert', agency },
        { op: 'purpose.insert', purpose: required },
        { op: 'purpose.insert', purpose: silent },
      ]);
      expect((await stores.purposes.getPurpose(required.id))?.reasonRequired).toBe(true);
      expect((await stores.purposes.getPurpose(silent.id))?.reasonRequired).toBe(false);
      const off = { ...required, reasonRequired: false, version: 2, etag: uniq('etag'), updatedAt: T0 + 1 };
      await commitOk(stores, [{ op: 'purpose.update', purpose: off, expectedEtag: required.etag }], required.id);
      expect((await stores.purposes.getPurpose(required.id))?.reasonRequired).toBe(false);
    });
  });
}
