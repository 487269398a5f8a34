import type { Hierarchy } from '../table/hierarchy.js';
import { Table } from '../table/table.js';
import { EqualityLp } from './simplex.js';

/** What an outsider can learn about one withheld cell: the smallest and largest count consistent with what was published. */
export interface FeasibleInterval {
  readonly cell: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The attack on a published table, done properly: every published figure is a linear equation over
 * the detailed counts (a total is the sum of the leaves below it), every count is ≥ 0, and for each
 * withheld cell we solve for its smallest and largest possible value. A cell whose interval is a
 * single value has been recovered. Uses only the structure (`dims`) and the published values
 * (`published[cell]`, null when withheld), never the withheld counts.
 *
 * Exact for the tables it is meant for (tests, oversight checks of a few hundred withheld leaves);
 * cost grows quickly beyond that.
 *
 * @example
 * feasibleIntervals(dims, values).filter((i) => i.max - i.min < 1) // recovered cells: must be empty
 */
export function feasibleIntervals(dims: readonly Hierarchy[], published: readonly (number | null)[]): FeasibleInterval[] {
  const shape = new Table(dims);
  if (published.length !== shape.size) throw new TypeError('published values do not fit the dimensions');
  const unknown = new Map<number, number>(); // leaf cell → variable
  const leavesOf = (cell: number) => shape.leavesUnder(cell);
  for (let c = 0; c < shape.size; c++) if (published[c] === null && shape.isLeaf(c)) unknown.set(c, unknown.size);
  const n = unknown.size;
  const rowsA: number[][] = [];
  const rowsB: number[] = [];
  const objectives: Array<{ cell: number; coef: number[]; constant: number }> = [];
  for (let c = 0; c < shape.size; c++) {
    const coef = new Array<number>(n).fill(0);
    let constant = 0;
    let touches = false;
    for (const leaf of leavesOf(c)) {
      const v = unknown.get(leaf);
      if (v === undefined) constant += published[leaf] as number;
      else {
        coef[v] = 1;
        touches = true;
      }
    }
    const value = published[c];
    if (value === null || value === undefined) objectives.push({ cell: c, coef, constant });
    else if (touches) {
      rowsA.push(coef);
      rowsB.push(value - constant);
    }
  }
  if (n === 0) return [];
  const lp = new EqualityLp(rowsA.length > 0 ? rowsA : [new Array<number>(n).fill(0)], rowsA.length > 0 ? rowsB : [0]);
  if (!lp.feasible) throw new RangeError('the published table is inconsistent');
  return objectives.map(({ cell, coef, constant }) => ({ cell, min: lp.minimize(coef) + constant, max: lp.maximize(coef) + constant }));
}
