import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomTable } from '../suppress/fixtures.js';
import { boundContributions } from './bound.js';
import { consistentSplit, projectToSimplex } from './consistency.js';
import { epsilonMicro, formatEpsilon, perCellParameter } from './epsilon.js';
import { noisyTable } from './noisy-table.js';
import { seededRandom } from './random.js';

const shape = { provinces: 3, districts: 2, communes: 3, criteria: 5, level: 'commune', grain: 'quarter', records: 2000 } as const;

describe('differentially private table', () => {
  it('releases non-negative integers whose totals add up', () => {
    const exact = randomTable(3, shape);
    const { table, stages } = noisyTable(exact, epsilonMicro('0.5'), 2, seededRandom('consistency'));
    expect(stages).toBe(1 + 1 + 3 + 2);
    for (let c = 0; c < table.size; c++) {
      const v = table.counts[c] as number;
      expect(Number.isInteger(v) && v >= 0).toBe(true);
      if (!table.isLeaf(c)) expect(table.leavesUnder(c).reduce((sum, l) => sum + (table.counts[l] as number), 0)).toBe(v);
    }
  });

  it('stays close to the truth when ε is large, and the grand total within its noise', () => {
    const exact = randomTable(4, shape);
    const { table, noiseScale } = noisyTable(exact, epsilonMicro(10), 1, seededRandom('accuracy'));
    expect(noiseScale).toBeCloseTo(0.7, 6); // 1 × 7 levels / ε 10
    expect(Math.abs((table.counts[0] as number) - (exact.counts[0] as number))).toBeLessThan(10 * noiseScale);
    let error = 0;
    for (let c = 0; c < table.size; c++) error += Math.abs((table.counts[c] as number) - (exact.counts[c] as number));
    expect(error / table.size).toBeLessThan(3);
  });
});

describe('consistency post-processing', () => {
  it('projects onto non-negative vectors with the given sum, and rounds keeping the sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 80 }), { minLength: 1, maxLength: 12 }), fc.nat(300), (y, total) => {
        const x = projectToSimplex(y, total);
        expect(x.every((v) => v >= 0)).toBe(true);
        expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
        const r = consistentSplit(y, total);
        expect(r.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
        expect(r.reduce((a, b) => a + b, 0)).toBe(total);
      }),
    );
  });

  it('leaves a vector that already fits alone', () => {
    expect(consistentSplit([3, 0, 7], 10)).toEqual([3, 0, 7]);
  });
});

describe('contribution bounding', () => {
  it("keeps at most `bound` records per person, chosen from that person's own records only", () => {
    const records = [
      { unit: 'a', key: '3', id: 1 },
      { unit: 'a', key: '1', id: 2 },
      { unit: 'a', key: '2', id: 3 },
      { unit: 'b', key: '9', id: 4 },
    ];
    expect(
      boundContributions(records, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual([2, 3, 4]);
    // Removing person b changes nothing that a keeps.
    expect(
      boundContributions(
        records.filter((r) => r.unit !== 'b'),
        2,
      )
        .map((r) => r.id)
        .sort(),
    ).toEqual([2, 3]);
    expect(() => boundContributions(records, 0)).toThrow();
  });
});

describe('ε in millionths', () => {
  it('parses and formats exactly, and refuses what it cannot add up exactly', () => {
    expect(epsilonMicro('0.5')).toBe(500_000);
    expect(epsilonMicro(1.25)).toBe(1_250_000);
    expect(formatEpsilon(1_250_000)).toBe('1.25');
    expect(() => epsilonMicro('0.0000001')).toThrow();
    expect(() => epsilonMicro('11')).toThrow();
    expect(perCellParameter(500_000, 14)).toEqual({ s: 1, t: 28 });
  });
});
