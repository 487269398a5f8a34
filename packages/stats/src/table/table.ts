import { MAX_TABLE_CELLS } from '../constants.js';
import { StatsError } from '../errors.js';
import type { Hierarchy } from './hierarchy.js';

/**
 * A hierarchical frequency table: one cell for every combination of a node of each dimension, so it
 * holds the detailed counts (leaves of every dimension) and every total above them (a province, a
 * quarter, all criteria, and their combinations). Cells are numbered row-major: the last dimension
 * varies fastest.
 */
export class Table {
  readonly dims: readonly Hierarchy[];
  /** Stride of each dimension in the cell numbering. */
  readonly strides: readonly number[];
  readonly size: number;
  /** The count of every cell (leaves as tabulated; totals once {@link aggregate} ran). */
  readonly counts: Float64Array;

  constructor(dims: readonly Hierarchy[], counts?: Float64Array) {
    this.dims = dims;
    const strides: number[] = new Array<number>(dims.length);
    let size = 1;
    for (let d = dims.length - 1; d >= 0; d--) {
      strides[d] = size;
      size *= (dims[d] as Hierarchy).size;
    }
    if (size > MAX_TABLE_CELLS) throw new StatsError('ERR_TABLE_TOO_LARGE', `the table would have ${size} cells (at most ${MAX_TABLE_CELLS})`);
    this.strides = strides;
    this.size = size;
    if (counts !== undefined && counts.length !== size) throw new TypeError('counts do not fit the dimensions');
    this.counts = counts ?? new Float64Array(size);
  }

  /** Cell number of the node coordinates `coords` (one node number per dimension). */
  index(coords: readonly number[]): number {
    let i = 0;
    for (let d = 0; d < coords.length; d++) i += (coords[d] as number) * (this.strides[d] as number);
    return i;
  }

  /** Node number of cell `cell` in dimension `d`. */
  coord(cell: number, d: number): number {
    return Math.floor(cell / (this.strides[d] as number)) % (this.dims[d] as Hierarchy).size;
  }

  /** Node coordinates of cell `cell`. */
  coords(cell: number): number[] {
    return this.dims.map((_, d) => this.coord(cell, d));
  }

  /** Level of cell `cell` in dimension `d`. */
  levelOf(cell: number, d: number): number {
    return (this.dims[d] as Hierarchy).level[this.coord(cell, d)] as number;
  }

  /** True when every coordinate of `cell` is a leaf of its dimension. */
  isLeaf(cell: number): boolean {
    return this.dims.every((h, d) => h.level[this.coord(cell, d)] === h.depth);
  }

  /** The cell `cell` with its coordinate in dimension `d` replaced by node `node`. */
  replace(cell: number, d: number, node: number): number {
    return cell + (node - this.coord(cell, d)) * (this.strides[d] as number);
  }

  /**
   * Fills every total from the leaf cells: each dimension in turn, children added into their parent
   * (deepest nodes first), over every combination of the other dimensions' nodes.
   */
  aggregate(): this {
    const c = this.counts;
    for (let d = 0; d < this.dims.length; d++) {
      const h = this.dims[d] as Hierarchy;
      const stride = this.strides[d] as number;
      const block = h.size * stride;
      for (let n = h.size - 1; n >= 1; n--) {
        const p = h.parent[n] as number;
        for (let base = 0; base < this.size; base += block) {
          const from = base + n * stride;
          const to = base + p * stride;
          for (let j = 0; j < stride; j++) c[to + j] = (c[to + j] as number) + (c[from + j] as number);
        }
      }
    }
    return this;
  }

  /** Leaf cells under cell `cell` (itself when it is a leaf). */
  leavesUnder(cell: number): number[] {
    let cells = [cell];
    for (let d = 0; d < this.dims.length; d++) {
      const h = this.dims[d] as Hierarchy;
      const next: number[] = [];
      for (const x of cells) {
        let frontier = [this.coord(x, d)];
        while ((h.level[frontier[0] as number] as number) < h.depth) frontier = frontier.flatMap((n) => h.children(n));
        for (const n of frontier) next.push(this.replace(x, d, n));
      }
      cells = next;
    }
    return cells;
  }
}
