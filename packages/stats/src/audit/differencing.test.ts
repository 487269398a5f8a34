/**
 * The attacker who holds many releases: every grain (province, district, commune × year, semester,
 * quarter, month), at every threshold a consumer or the public could be given, combined into one
 * linear program over the finest table. None of the withheld cells may be solvable.
 */
import { describe, expect, it } from 'vitest';
import { SUPPRESSION_STEPS } from '../constants.js';
import { projectRelease, protect, type Release } from '../release.js';
import { randomTable, type FixtureShape } from '../suppress/fixtures.js';
import { suppress } from '../suppress/suppress.js';
import { PERIOD_GRAINS, PLACE_LEVELS } from '../table/dimensions.js';
import type { Hierarchy } from '../table/hierarchy.js';
import { Table } from '../table/table.js';
import { feasibleIntervals } from './intervals.js';

const SHAPE: FixtureShape = { provinces: 2, districts: 2, communes: 2, criteria: 3, level: 'commune', grain: 'month', records: 220 };
/** Every grain a request can name: place level (1 province … 3 commune) × period level (0 year … 3 month). */
const GRAINS = PLACE_LEVELS.slice(1).flatMap((_, p) => PERIOD_GRAINS.map((_, t) => [p + 1, t] as const));
/** Thresholds consumers could hold or ask for, including ones between steps. */
const THRESHOLDS = [3, 4, 5, 7, 10, 12, 15, 20, 40];

/** The finest table's cells as the union of what `releases` published (null: withheld in every one). */
function union(finest: Table, releases: readonly Release[]): (number | null)[] {
  const known: (number | null)[] = new Array<number | null>(finest.size).fill(null);
  for (const r of releases) {
    for (let c = 0; c < r.table.size; c++) {
      if (r.withheld?.[c] === 1) continue;
      const at = finest.index(r.table.coords(c).map((n, d) => (finest.dims[d] as Hierarchy).indexOf((r.table.dims[d] as Hierarchy).codes[n] as string)));
      const value = r.table.counts[c] as number;
      if (known[at] !== null) expect(known[at], 'two releases disagree on a cell').toBe(value);
      known[at] = value;
    }
  }
  return known;
}

/** Withheld cells of the finest table that the combined releases pin to one value. */
function solved(finest: Table, published: readonly (number | null)[]): Array<{ cell: number; count: number }> {
  return feasibleIntervals(finest.dims, published)
    .filter(({ min, max }) => max - min < 1 - 1e-6)
    .map(({ cell }) => ({ cell, count: finest.counts[cell] as number }));
}

/** Orders of opening: dimension by dimension, and provinces by every period before districts and communes (the gateway's). */
const BY_DIMENSION = undefined;
const PROVINCES_BY_PERIOD_FIRST: readonly number[] = [0, 1, 2, 2, 2, 1, 1];
const CASES: ReadonlyArray<readonly [number, string, readonly number[] | undefined]> = [
  [1, 'dimension by dimension', BY_DIMENSION],
  [2, 'provinces by period first', PROVINCES_BY_PERIOD_FIRST],
  [3, 'provinces by period first', PROVINCES_BY_PERIOD_FIRST],
];

describe('many releases of one table, at every grain and threshold', () => {
  for (const [seed, name, order] of CASES) {
    it(`seed ${seed}, ${name}: together they solve no withheld cell`, () => {
      const finest = randomTable(seed * 104_729, SHAPE);
      const releases: Release[] = [];
      for (const threshold of THRESHOLDS) {
        const whole = protect(finest, { method: 'suppression', threshold, ...(order === undefined ? {} : { order }) });
        for (const [place, period] of GRAINS) releases.push(projectRelease(whole, [{ depth: 1 }, { depth: place }, { depth: period }]));
      }
      const published = union(finest, releases);
      expect(published.some((v) => v === null)).toBe(true);
      expect(solved(finest, published)).toEqual([]);
    }, 120_000);
  }

  it('nests the patterns: a higher step withholds everything a lower one does', () => {
    const finest = randomTable(77, SHAPE);
    let lower: Uint8Array | null = null;
    for (const step of SUPPRESSION_STEPS.slice(0, 5)) {
      const { withheld } = protect(finest, { method: 'suppression', threshold: step });
      if (withheld === null) throw new Error('suppression withholds');
      if (lower !== null) for (let c = 0; c < finest.size; c++) if (lower[c] === 1) expect(withheld[c]).toBe(1);
      lower = withheld;
    }
  });

  it('the same attack solves cells when each grain and threshold is protected on its own (the flaw it guards against)', () => {
    const finest = randomTable(1 * 104_729, SHAPE);
    const releases: Release[] = [];
    for (const threshold of [10, 15, 20, 30, 40]) {
      for (const [place, period] of GRAINS) {
        // Each grain tabulated and suppressed by itself, at the threshold the caller asked for.
        const alone = randomTable(1 * 104_729, {
          ...SHAPE,
          level: PLACE_LEVELS[place] as FixtureShape['level'],
          grain: PERIOD_GRAINS[period] as FixtureShape['grain'],
        });
        const s = suppress(alone, threshold);
        releases.push({
          table: alone,
          withheld: s.suppressed,
          primary: s.primary,
          summary: { method: 'suppression', threshold, primary: s.primaryCount, secondary: s.secondaryCount },
        });
      }
    }
    const found = solved(finest, union(finest, releases));
    expect(found.length).toBeGreaterThan(0);
    expect(found.some(({ count }) => count >= 1 && count < 10)).toBe(true);
  }, 120_000);
});
