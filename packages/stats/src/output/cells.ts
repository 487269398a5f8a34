import type { Hierarchy } from '../table/hierarchy.js';
import type { Table } from '../table/table.js';

/** One cell of a released table: its code and level in each dimension, and its count (null when withheld). */
export interface ReleasedCell {
  readonly codes: readonly string[];
  readonly levels: readonly string[];
  readonly count: number | null;
}

/**
 * The cells of `table` as released: `withheld[cell] === 1` cells carry null instead of a count.
 * `keep` selects cells by their node coordinates (e.g. one province's rows); all by default.
 */
export function releasedCells(table: Table, withheld: Uint8Array | null, keep: (coords: readonly number[]) => boolean = () => true): ReleasedCell[] {
  const out: ReleasedCell[] = [];
  for (let c = 0; c < table.size; c++) {
    const coords = table.coords(c);
    if (!keep(coords)) continue;
    out.push({
      codes: coords.map((n, d) => (table.dims[d] as Hierarchy).codes[n] as string),
      levels: coords.map((n, d) => {
        const h = table.dims[d] as Hierarchy;
        return h.levelNames[h.level[n] as number] as string;
      }),
      count: withheld !== null && withheld[c] === 1 ? null : (table.counts[c] as number),
    });
  }
  return out;
}

/** A dimension described for consumers: its levels and its nodes (code, level, parent code). */
export interface DimensionDescription {
  readonly name: string;
  readonly levels: readonly string[];
  readonly nodes: ReadonlyArray<{ readonly code: string; readonly level: string; readonly parent: string | null }>;
}

/** How each dimension of `table` is built, so that a consumer can lay out rows, columns and totals. */
export function describeDimensions(table: Table): DimensionDescription[] {
  return table.dims.map((h) => ({
    name: h.name,
    levels: h.levelNames,
    nodes: h.codes.map((code, i) => ({
      code,
      level: h.levelNames[h.level[i] as number] as string,
      parent: (h.parent[i] as number) < 0 ? null : (h.codes[h.parent[i] as number] as string),
    })),
  }));
}

/** A chart-ready slice: one line (or stack) per leaf of `groupDim`, one point per leaf of `xDim`, the other dimensions fixed. */
export interface Series {
  readonly x: readonly string[];
  readonly groups: ReadonlyArray<{ readonly code: string; readonly counts: ReadonlyArray<number | null> }>;
  /** The total over all groups at each x (its own released cell, null when withheld). */
  readonly totals: ReadonlyArray<number | null>;
}

/**
 * The counts a stacked bar chart needs, e.g. criterion (groups) × month (x) for one province
 * (`fixed`: node per dimension, ignored for `xDim` and `groupDim`). Withheld cells are null.
 */
export function series(table: Table, withheld: Uint8Array | null, fixed: readonly number[], xDim: number, groupDim: number): Series {
  const xh = table.dims[xDim] as Hierarchy;
  const gh = table.dims[groupDim] as Hierarchy;
  const xs = xh.nodesAt(xh.depth);
  const base = table.index(fixed.map((n, d) => (d === xDim || d === groupDim ? 0 : n)));
  const value = (cell: number) => (withheld !== null && withheld[cell] === 1 ? null : (table.counts[cell] as number));
  const at = (x: number, g: number) => table.replace(table.replace(base, xDim, x), groupDim, g);
  return {
    x: xs.map((n) => xh.codes[n] as string),
    groups: gh.nodesAt(gh.depth).map((g) => ({ code: gh.codes[g] as string, counts: xs.map((x) => value(at(x, g))) })),
    totals: xs.map((x) => value(at(x, 0))),
  };
}
