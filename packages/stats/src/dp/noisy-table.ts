import { Table } from '../table/table.js';
import { consistentSplit } from './consistency.js';
import { discreteLaplace } from './discrete-laplace.js';
import { perCellParameter } from './epsilon.js';
import type { RandomSource } from './random.js';

/** A differentially private version of a table. */
export interface NoisyTable {
  /** The released table: non-negative integers, every total the sum of the cells below it. */
  readonly table: Table;
  /** Levels measured with noise (the grand total, then one per level of each dimension). */
  readonly stages: number;
  /** Scale of the noise added to each measured cell (its standard deviation is about 1.41 times this). */
  readonly noiseScale: number;
}

/**
 * Releases `exact` (counts after contribution bounding, so that one person changes at most `bound`
 * records) with ε-differential privacy, ε given in millionths.
 *
 * The table is measured top-down in the same order as suppression opens it: the grand total, then
 * each level of each dimension in turn, every cell of the level measured once with discrete Laplace
 * noise. A record falls in exactly one cell of each measured level, so one person changes the
 * measurements by at most `bound` per level and `bound × stages` in all: each cell gets noise of scale
 * `bound × stages / ε`. Then, level by level, the noisy children of every cell are replaced by the
 * non-negative integers summing to the parent's released value that are closest to them. What is
 * released is thus consistent (totals add up, no negative counts) and, being computed from the noisy
 * measurements alone, keeps the same guarantee. The dimensions' categories must not depend on the
 * data (a place list from a gazetteer, not from the records), or their presence would leak.
 */
export function noisyTable(exact: Table, epsilonMicro: number, bound: number, random: RandomSource): NoisyTable {
  const dims = exact.dims;
  const stages = 1 + dims.reduce((sum, h) => sum + h.depth, 0);
  const { s, t } = perCellParameter(epsilonMicro, bound * stages);
  const noisy = (cell: number) => (exact.counts[cell] as number) + discreteLaplace(random, s, t);

  const released = new Table(dims);
  const values = released.counts;
  values[0] = Math.max(0, noisy(0));
  const depth = dims.map(() => 0);
  // Cells of the current grid (every dimension at its current depth): the root first.
  let grid = [0];
  for (let d = 0; d < dims.length; d++) {
    const h = dims[d];
    if (h === undefined) continue;
    for (let level = 1; level <= h.depth; level++) {
      depth[d] = level;
      const next: number[] = [];
      for (const parent of grid) {
        const children = h.children(exact.coord(parent, d)).map((n) => exact.replace(parent, d, n));
        const split = consistentSplit(children.map(noisy), values[parent] as number);
        children.forEach((c, i) => {
          values[c] = split[i] as number;
          next.push(c);
        });
      }
      grid = next;
    }
  }
  // Every total from the released leaves: the same values as released at each level, and the mixed
  // totals (a province in one quarter, all criteria) added up consistently.
  for (let c = 0; c < released.size; c++) if (!released.isLeaf(c)) values[c] = 0;
  released.aggregate();
  return { table: released, stages, noiseScale: t / s };
}
