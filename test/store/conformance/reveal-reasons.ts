import { describe, expect, it } from 'vitest';
import type { RevealReasonStore } from '../../../gateway/src/store/ports/reveal-reasons.js';
import { uniq } from './fixtures.js';

/** Builds the store under test. */
export type MakeRevealReasonStore = () => RevealReasonStore | Promise<RevealReasonStore>;

/** Records a reveal with reason `reason` stored at `keyVersion` (recording reveals is the viewer's port, not this one's). */
export type SeedReveal = (id: string, reason: string, keyVersion: number) => Promise<void>;

/** The contract of {@link RevealReasonStore}, for any backend. */
export function describeRevealReasonStoreConformance(makeStore: MakeRevealReasonStore, seedReveal: SeedReveal): void {
  describe('reveal reason store', () => {
    it('finds reasons below a version and replaces each only while it holds what was read', async () => {
      const store = await makeStore();
      // Far above any version the other tests use, so that counts are this test's own.
      const base = 1_000 + Math.floor(Math.random() * 1_000_000);
      const [clear, old, current] = [uniq('rv'), uniq('rv'), uniq('rv')];
      const before = await store.countReasonsBelow(base + 2);
      await seedReveal(clear, 'clear reason', 0);
      await seedReveal(old, 'sealed-old', base + 1);
      await seedReveal(current, 'sealed-current', base + 2);
      expect(await store.countReasonsBelow(base + 2)).toBe(before + 2);

      const below = (await store.reasonsBelow(base + 2, 1_000_000)).filter((r) => [clear, old, current].includes(r.id));
      expect(below).toEqual(
        expect.arrayContaining([
          { id: clear, reason: 'clear reason', keyVersion: 0 },
          { id: old, reason: 'sealed-old', keyVersion: base + 1 },
        ]),
      );
      expect(below).toHaveLength(2);
      expect((await store.reasonsBelow(base + 2, 1)).length).toBe(1);

      const replaced = await store.replaceReasons([
        { id: clear, was: 'clear reason', sealed: 'sealed-new-1', keyVersion: base + 2 },
        // Another job replaced it since it was read: left alone.
        { id: old, was: 'not what it holds', sealed: 'lost', keyVersion: base + 2 },
      ]);
      expect(replaced).toBe(1);
      expect(await store.countReasonsBelow(base + 2)).toBe(before + 1);
      const left = (await store.reasonsBelow(base + 2, 1_000_000)).filter((r) => [clear, old].includes(r.id));
      expect(left).toEqual([{ id: old, reason: 'sealed-old', keyVersion: base + 1 }]);
      expect(await store.replaceReasons([])).toBe(0);
    });
  });
}
