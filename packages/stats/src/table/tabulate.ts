import type { Dimension } from './dimensions.js';
import { Table } from './table.js';

/** One group of records: its value in each dimension (a facet value) and how many records share it. */
export interface TabulationRow {
  readonly values: readonly unknown[];
  readonly count: number;
}

/** A tabulated table and how many records fell outside it (another year, an unknown code). */
export interface Tabulation {
  readonly table: Table;
  readonly outside: number;
}

/**
 * Counts records into the leaves of a table with dimensions `dims` and adds up every total: a plain
 * recount, with no protection yet.
 *
 * @example
 * tabulate([criteria, places, months], [{ values: [3, '120101', '2025-03'], count: 2 }])
 */
export function tabulate(dims: readonly Dimension[], rows: Iterable<TabulationRow>): Tabulation {
  const table = new Table(dims.map((d) => d.hierarchy));
  const counts = table.counts;
  const strides = table.strides;
  let outside = 0;
  rowLoop: for (const row of rows) {
    let cell = 0;
    for (let d = 0; d < dims.length; d++) {
      const leaf = (dims[d] as Dimension).leafOf(row.values[d]);
      if (leaf < 0) {
        outside += row.count;
        continue rowLoop;
      }
      cell += leaf * (strides[d] as number);
    }
    counts[cell] = (counts[cell] as number) + row.count;
  }
  table.aggregate();
  return { table, outside };
}
