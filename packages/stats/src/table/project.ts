import { Hierarchy } from './hierarchy.js';
import { Table } from './table.js';

/** How far one dimension of a projection goes: down to level `depth`, and which nodes of that level it keeps (all by default). */
export interface DimensionCut {
  readonly depth: number;
  readonly keepLeaf?: (code: string) => boolean;
}

/** A projected table and, for each of its cells, the cell of the table it was cut from. */
export interface Projection {
  readonly table: Table;
  readonly source: Int32Array;
}

/** `h` cut at level `depth`, keeping the nodes of that level that `keepLeaf` accepts and everything above them. */
function cutHierarchy(h: Hierarchy, cut: DimensionCut): Hierarchy {
  if (!Number.isInteger(cut.depth) || cut.depth < 0 || cut.depth > h.depth) throw new TypeError(`cannot cut ${h.name} at level ${cut.depth}`);
  const paths: string[][] = [];
  for (const n of h.nodesAt(cut.depth)) {
    if (cut.keepLeaf !== undefined && !cut.keepLeaf(h.codes[n] as string)) continue;
    paths.push(
      h
        .pathToRoot(n)
        .slice(0, -1)
        .reverse()
        .map((m) => h.codes[m] as string),
    );
  }
  return Hierarchy.fromPaths(h.name, h.levelNames.slice(0, cut.depth + 1), h.codes[0] as string, paths);
}

/**
 * Part of `table`: each dimension cut at a coarser level (or to some of its nodes), every cell of the
 * result being a cell of `table` with the same count. What is published from a projection is a subset
 * of what is published from the whole, so it cannot reveal more: any set of projections of one
 * protected table (a province × quarter release, a district × year one, one province's rows) shows
 * at most what the protected table itself shows.
 *
 * @example
 * project(communeByMonth, [{ depth: 1 }, { depth: 1 }, { depth: 2 }]) // criterion × province × quarter
 */
export function project(table: Table, cuts: readonly DimensionCut[]): Projection {
  if (cuts.length !== table.dims.length) throw new TypeError('one cut per dimension');
  const dims = table.dims.map((h, d) => cutHierarchy(h, cuts[d] as DimensionCut));
  const out = new Table(dims);
  // Node of the new dimension → node of the old one (codes are kept).
  const nodeMap = dims.map((h, d) => Int32Array.from(h.codes, (code) => (table.dims[d] as Hierarchy).indexOf(code)));
  const source = new Int32Array(out.size);
  for (let c = 0; c < out.size; c++) {
    let from = 0;
    for (let d = 0; d < dims.length; d++) from += ((nodeMap[d] as Int32Array)[out.coord(c, d)] as number) * (table.strides[d] as number);
    source[c] = from;
    out.counts[c] = table.counts[from] as number;
  }
  return { table: out, source };
}
