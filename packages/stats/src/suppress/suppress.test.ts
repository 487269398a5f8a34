import { describe, expect, it } from 'vitest';
import { feasibleIntervals } from '../audit/intervals.js';
import { checkCertificates } from './certificate.js';
import { randomTable, type FixtureShape } from './fixtures.js';
import { suppress } from './suppress.js';

const SHAPES: FixtureShape[] = [
  { provinces: 2, districts: 2, communes: 3, criteria: 3, level: 'commune', grain: 'quarter', records: 150 },
  { provinces: 3, districts: 2, communes: 2, criteria: 5, level: 'district', grain: 'semester', records: 120 },
  { provinces: 2, districts: 3, communes: 2, criteria: 2, level: 'commune', grain: 'month', records: 300 },
  { provinces: 4, districts: 1, communes: 1, criteria: 5, level: 'province', grain: 'month', records: 400 },
];

describe('small-cell suppression', () => {
  for (const [i, shape] of SHAPES.entries()) {
    for (const seed of [1, 2, 3]) {
      it(`shape ${i}, seed ${seed}: no small cell published, none recoverable by linear programming`, () => {
        const table = randomTable(seed * 7919 + i, shape);
        const threshold = 5;
        const s = suppress(table, threshold);
        const published = Array.from(table.counts, (v, c) => (s.suppressed[c] === 1 ? null : v));
        // No released cell below the threshold (zeros are published: they name nobody).
        for (const v of published) if (v !== null) expect(v === 0 || v >= threshold).toBe(true);
        expect(checkCertificates(table, s.suppressed, s.primary, s.certificates)).toEqual([]);
        // The attack: solve the published table's constraints for every withheld cell.
        for (const { cell, min, max } of feasibleIntervals(table.dims, published)) {
          expect(min).toBeLessThanOrEqual((table.counts[cell] as number) + 1e-6);
          expect(max).toBeGreaterThanOrEqual((table.counts[cell] as number) - 1e-6);
          expect(max - min, `cell ${table.coords(cell).join(',')} (count ${table.counts[cell]}) recovered`).toBeGreaterThanOrEqual(1 - 1e-6);
        }
      });
    }
  }

  it('publishes everything at threshold 1 (protection off)', () => {
    const table = randomTable(5, SHAPES[0] as FixtureShape);
    const s = suppress(table, 1);
    expect(s.suppressed.every((x) => x === 0)).toBe(true);
  });

  it('withholds a whole table whose grand total is small', () => {
    const table = randomTable(5, { ...(SHAPES[0] as FixtureShape), records: 4 });
    const s = suppress(table, 10);
    expect(s.suppressed.every((x) => x === 1)).toBe(true);
  });
});

describe('the linear-programming audit', () => {
  it('recovers small cells when only the primary cells are withheld', () => {
    const table = randomTable(11, SHAPES[0] as FixtureShape);
    const published = Array.from(table.counts, (v) => (v >= 1 && v < 5 ? null : v));
    const recovered = feasibleIntervals(table.dims, published).filter(({ min, max }) => max - min < 1e-6);
    expect(recovered.length).toBeGreaterThan(0);
    for (const { cell, min } of recovered) expect(min).toBeCloseTo(table.counts[cell] as number, 6);
  });
});
