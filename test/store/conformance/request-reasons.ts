import { describe, expect, it } from 'vitest';
import type { RequestReasonStore } from '../../../gateway/src/store/ports/request-reasons.js';
import { uniq } from './fixtures.js';

/** Builds the store under test. */
export type MakeRequestReasonStore = () => RequestReasonStore | Promise<RequestReasonStore>;

/** The contract of {@link RequestReasonStore}, for any backend. */
export function describeRequestReasonStoreConformance(makeStore: MakeRequestReasonStore): void {
  describe('request reason store', () => {
    it('keeps a reason once per hash (the first kept wins) and reads back only the hashes kept', async () => {
      const store = await makeStore();
      const [a, b] = [uniq('rsn'), uniq('rsn')];
      await store.keepReason({ reasonHash: a, sealed: 'sealed-a', keyVersion: 3 }, 100);
      await store.keepReason({ reasonHash: a, sealed: 'other', keyVersion: 4 }, 200);
      await store.keepReason({ reasonHash: b, sealed: 'sealed-b', keyVersion: 3 }, 100);
      const read = await store.reasonsByHash([a, b, a, uniq('missing')]);
      expect(read).toHaveLength(2);
      expect(read).toEqual(
        expect.arrayContaining([
          { reasonHash: a, sealed: 'sealed-a', keyVersion: 3 },
          { reasonHash: b, sealed: 'sealed-b', keyVersion: 3 },
        ]),
      );
      expect(await store.reasonsByHash([])).toEqual([]);
    });

    it('reads more hashes than one statement binds', async () => {
      const store = await makeStore();
      const hashes = Array.from({ length: 205 }, () => uniq('rsn'));
      for (const h of hashes.slice(0, 3)) await store.keepReason({ reasonHash: h, sealed: `s-${h}`, keyVersion: 1 }, 1);
      await store.keepReason({ reasonHash: hashes[204] ?? '', sealed: 'last', keyVersion: 1 }, 1);
      expect((await store.reasonsByHash(hashes)).map((r) => r.reasonHash).sort()).toEqual([...hashes.slice(0, 3), hashes[204]].sort());
    });

    it('finds reasons below a version and replaces each only while it holds what was read', async () => {
      const store = await makeStore();
      // Far above any version the other tests use, so that counts are this test's own.
      const base = 1_000 + Math.floor(Math.random() * 1_000_000);
      const [old, current] = [uniq('rsn'), uniq('rsn')];
      const before = await store.countReasonsBelow(base + 2);
      await store.keepReason({ reasonHash: old, sealed: 'sealed-old', keyVersion: base + 1 }, 1);
      await store.keepReason({ reasonHash: current, sealed: 'sealed-current', keyVersion: base + 2 }, 1);
      expect(await store.countReasonsBelow(base + 2)).toBe(before + 1);
      expect((await store.reasonsBelow(base + 2, 1_000_000)).filter((r) => [old, current].includes(r.reasonHash))).toEqual([
        { reasonHash: old, sealed: 'sealed-old', keyVersion: base + 1 },
      ]);
      const replaced = await store.replaceReasons([
        { reasonHash: old, was: 'sealed-old', sealed: 'sealed-new', keyVersion: base + 2 },
        // Another job replaced it since it was read: left alone.
        { reasonHash: current, was: 'not what it holds', sealed: 'lost', keyVersion: base + 3 },
      ]);
      expect(replaced).toBe(1);
      expect(await store.reasonsByHash([old, current])).toEqual(
        expect.arrayContaining([
          { reasonHash: old, sealed: 'sealed-new', keyVersion: base + 2 },
          { reasonHash: current, sealed: 'sealed-current', keyVersion: base + 2 },
        ]),
      );
      expect(await store.replaceReasons([])).toBe(0);
    });
  });
}
