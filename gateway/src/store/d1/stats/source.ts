import type { TabulationRow } from '@need2know/stats';
import type { CountedTable, CountWindow, UnitRow } from '../../ports/stats.js';

export type { CountedTable, CountWindow, UnitRow } from '../../ports/stats.js';

/** SQL reading facet `name` of a record row; names come from the catalogue, never from a request. */
const facet = (name: string) => {
  if (!/^[a-z_]+$/.test(name)) throw new TypeError('facet names are lower-case words');
  return `json_extract(facets, '$.${name}')`;
};

/**
 * Statement counting current records of the table's type by their facet values in the time window:
 * what suppression needs, read in one batch with the data version it matches. Read from the clear
 * facets alone; no sealed field is opened. Map its rows with {@link toTabulationRows}.
 */
export function groupedCountsStatement(db: D1Database, def: CountedTable, window: CountWindow): D1PreparedStatement {
  const columns = def.dimensions.map((d, i) => `${facet(d.facet)} AS f${i}`).join(', ');
  const group = def.dimensions.map((_, i) => `f${i}`).join(', ');
  const time = facet(def.dimensions.find((d) => d.kind === 'time')?.facet ?? 'month');
  return db
    .prepare(`SELECT ${columns}, count(*) AS n FROM records WHERE type = ?1 AND current = 1 AND ${time} >= ?2 AND ${time} <= ?3 GROUP BY ${group}`)
    .bind(def.recordType, window.from, window.to);
}

/** Rows of {@link groupedCountsStatement} as tabulation rows. */
export function toTabulationRows(def: CountedTable, results: ReadonlyArray<Record<string, unknown>>): TabulationRow[] {
  return results.map((r) => ({ values: def.dimensions.map((_, i) => r[`f${i}`]), count: Number(r.n) }));
}

/**
 * Every current record of the table's type in the window with its privacy unit: the smallest
 * blind-index tag of the table's unit search (the person's keyed, truncated HMAC; a record naming no
 * person is its own unit). What differential privacy needs to bound each person's contribution.
 */
export async function unitRows(db: D1Database, def: CountedTable, window: CountWindow): Promise<UnitRow[]> {
  const columns = def.dimensions.map((d, i) => `${facet(d.facet)} AS f${i}`).join(', ');
  const time = facet(def.dimensions.find((d) => d.kind === 'time')?.facet ?? 'month');
  const { results } = await db
    .prepare(
      `SELECT r.id AS id, ${columns}, (SELECT min(i.tag) FROM record_index i WHERE i.type = r.type AND i.search = ?4 AND i.id = r.id) AS unit
       FROM records r WHERE r.type = ?1 AND r.current = 1 AND ${time} >= ?2 AND ${time} <= ?3`,
    )
    .bind(def.recordType, window.from, window.to, def.unitSearch)
    .all<Record<string, unknown>>();
  return results.map((r) => ({
    unit: typeof r.unit === 'string' ? `p:${r.unit}` : `r:${String(r.id)}`,
    key: String(r.id),
    values: def.dimensions.map((_, i) => r[`f${i}`]),
  }));
}
