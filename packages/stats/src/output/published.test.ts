import { describe, expect, it } from 'vitest';
import { seededRandom } from '../dp/random.js';
import { StatsError } from '../errors.js';
import { projectRelease, protect, protectSteps, type Release } from '../release.js';
import { randomTable } from '../suppress/fixtures.js';
import { releasedCells } from './cells.js';
import { decodePublished, encodePublished } from './published.js';

const SHAPE = { provinces: 2, districts: 2, communes: 3, criteria: 3, level: 'commune', grain: 'month', records: 400 } as const;

/** What a release publishes: every cell's codes and its count, null when withheld. */
const published = (r: Release) => releasedCells(r.table, r.withheld);

describe('published form of a protected table', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: a decoded table publishes what a recomputed one does, whole and cut`, () => {
      const table = randomTable(seed, SHAPE);
      const order = [0, 1, 2, 2, 2, 1, 1];
      for (const threshold of [1, 5, 10, 15]) {
        const fresh = protect(table, { method: 'suppression', threshold, order });
        const decoded = decodePublished(table.dims, encodePublished(fresh), fresh.summary.method === 'suppression' ? fresh.summary.threshold : 0);
        expect(published(decoded)).toEqual(published(fresh));
        expect(decoded.summary).toEqual(fresh.summary);
        expect(decoded.primary).toEqual(fresh.primary);
        // Cut to provinces by quarter: the same cells, the same counts, the same summary.
        const cuts = [{ depth: 1 }, { depth: 1 }, { depth: 2 }];
        const a = projectRelease(decoded, cuts);
        const b = projectRelease(fresh, cuts);
        expect(published(a)).toEqual(published(b));
        expect(a.summary).toEqual(b.summary);
      }
    });
  }

  it('holds no count of a withheld cell', () => {
    const table = randomTable(7, SHAPE);
    const fresh = protect(table, { method: 'suppression', threshold: 10 });
    const decoded = decodePublished(table.dims, encodePublished(fresh), 10);
    let withheld = 0;
    for (let c = 0; c < table.size; c++) {
      if (fresh.withheld?.[c] !== 1) continue;
      withheld++;
      expect(decoded.table.counts[c]).toBeNaN();
    }
    expect(withheld).toBeGreaterThan(0);
  });

  it('every step of one computation equals that step protected on its own', () => {
    const table = randomTable(11, SHAPE);
    const chain = protectSteps(table, 15);
    expect(chain.map((r) => r.summary.method === 'suppression' && r.summary.threshold)).toEqual([3, 5, 10, 15]);
    for (const r of chain) {
      const threshold = r.summary.method === 'suppression' ? r.summary.threshold : 0;
      expect(published(r)).toEqual(published(protect(table, { method: 'suppression', threshold })));
    }
  });

  it('refuses bytes that do not fit the layout or are cut short, and releases that are not suppressed', () => {
    const table = randomTable(5, SHAPE);
    const bytes = encodePublished(protect(table, { method: 'suppression', threshold: 10 }));
    const other = randomTable(5, { ...SHAPE, grain: 'quarter' });
    expect(() => decodePublished(other.dims, bytes, 10)).toThrow(StatsError);
    expect(() => decodePublished(table.dims, bytes.subarray(0, bytes.length - 1), 10)).toThrow(StatsError);
    expect(() => decodePublished(table.dims, Uint8Array.from([...bytes, 0]), 10)).toThrow(StatsError);
    expect(() => decodePublished(table.dims, Uint8Array.from([9, ...bytes.subarray(1)]), 10)).toThrow(StatsError);
    const noisy = protect(table, { method: 'dp', epsilonMicro: 1_000_000, bound: 2, random: seededRandom(1) });
    expect(() => encodePublished(noisy)).toThrow(TypeError);
  });
});
