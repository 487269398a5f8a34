import { describe, expect, it } from 'vitest';
import type { NewReveal, ViewerStore, ViewerView } from '../../../gateway/src/store/ports/index.js';
import { T0, uniq } from './fixtures.js';

/** Builds the viewer store under test. */
export type MakeViewerStore = () => ViewerStore | Promise<ViewerStore>;

/** One entry of the disclosure index, as the log writes it when it indexes a disclosure or a refusal. */
export interface IndexedDelivery {
  readonly id: string;
  readonly clientId: string;
  readonly grantId: string;
  readonly recordType: string;
  readonly outcome: 'disclosed' | 'not_found' | 'rate_limited' | 'key_destroyed';
}

/** Indexes a delivery (the log object does this; the viewer store only reads the index). */
export type SeedDelivery = (delivery: IndexedDelivery) => Promise<void>;

const aView = (over: Partial<ViewerView> = {}): ViewerView => ({
  viewId: uniq('view'),
  at: T0,
  officerId: uniq('officer'),
  agencyId: 'agency-test',
  purposeId: 'purpose-test',
  grantId: uniq('grant'),
  recordType: 'person',
  disclosureId: uniq('disclosure'),
  logIndex: 7,
  ...over,
});

const aReveal = (viewId: string, over: Partial<NewReveal> = {}): NewReveal => ({
  id: uniq('reveal'),
  at: T0,
  viewId,
  officerId: 'officer-test',
  grantId: 'grant-test',
  mediaHash: 'hash',
  reason: 'sealed-reason',
  keyVersion: 1,
  logIndex: 8,
  ...over,
});

/** The contract of {@link ViewerStore}, for any backend. */
export function describeViewerStoreConformance(makeStore: MakeViewerStore, seedDelivery: SeedDelivery): void {
  describe('viewer store', () => {
    it('finds a delivery only for the client and grant it was disclosed to, and only a disclosure', async () => {
      const store = await makeStore();
      const delivery = { id: uniq('disclosure'), clientId: uniq('client'), grantId: uniq('grant'), recordType: 'case', outcome: 'disclosed' } as const;
      const refused = { ...delivery, id: uniq('disclosure'), outcome: 'not_found' } as const;
      await seedDelivery(delivery);
      await seedDelivery(refused);
      expect(await store.deliveredRecordType(delivery.id, delivery.clientId, delivery.grantId)).toBe('case');
      expect(await store.deliveredRecordType(delivery.id, uniq('client'), delivery.grantId)).toBeNull();
      expect(await store.deliveredRecordType(delivery.id, delivery.clientId, uniq('grant'))).toBeNull();
      expect(await store.deliveredRecordType(refused.id, refused.clientId, refused.grantId)).toBeNull();
      expect(await store.deliveredRecordType(uniq('disclosure'), delivery.clientId, delivery.grantId)).toBeNull();
    });

    it('keeps a view, not hidden, and refuses a second view of the same id', async () => {
      const store = await makeStore();
      const view = aView();
      await store.addView(view);
      expect(await store.view(view.viewId)).toEqual({ ...view, hiddenSince: null });
      expect(await store.view(uniq('view'))).toBeNull();
      await expect(store.addView({ ...view, officerId: uniq('officer') })).rejects.toThrow();
      expect((await store.view(view.viewId))?.officerId).toBe(view.officerId);
    });

    it('notes when a view was hidden: the first moment counts', async () => {
      const store = await makeStore();
      const view = aView();
      await store.addView(view);
      expect(await store.markHidden(view.viewId, T0 + 10)).toBe(T0 + 10);
      expect(await store.markHidden(view.viewId, T0 + 20)).toBe(T0 + 10);
      expect((await store.view(view.viewId))?.hiddenSince).toBe(T0 + 10);
      // A view that does not exist is hidden since the moment told, and nothing is kept.
      const missing = uniq('view');
      expect(await store.markHidden(missing, T0 + 5)).toBe(T0 + 5);
      expect(await store.view(missing)).toBeNull();
    });

    it('gives a hide to one return only, and only the hide it was asked for', async () => {
      const store = await makeStore();
      const view = aView();
      await store.addView(view);
      expect(await store.takeReturn(view.viewId, T0 + 10)).toBe(false);
      await store.markHidden(view.viewId, T0 + 10);
      expect(await store.takeReturn(view.viewId, T0 + 11)).toBe(false);
      const raced = await Promise.all([store.takeReturn(view.viewId, T0 + 10), store.takeReturn(view.viewId, T0 + 10)]);
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect((await store.view(view.viewId))?.hiddenSince).toBeNull();
      // Hidden again later: a new hide, taken once.
      expect(await store.markHidden(view.viewId, T0 + 30)).toBe(T0 + 30);
      expect(await store.takeReturn(view.viewId, T0 + 30)).toBe(true);
    });

    it('keeps a reveal and refuses a second reveal of the same id', async () => {
      const store = await makeStore();
      const view = aView();
      await store.addView(view);
      const reveal = aReveal(view.viewId);
      await store.addReveal(reveal);
      await expect(store.addReveal({ ...reveal, reason: 'another' })).rejects.toThrow();
      await store.addReveal(aReveal(view.viewId));
    });
  });
}
