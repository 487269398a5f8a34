import type { DataVersions } from '../../ports/stats.js';

/** Source name of the place list's version (a record type names the others). */
export const PLACES_SOURCE = 'places';

/**
 * Statement bumping the data version of every (record type, year) that committing `versions` of
 * records of `type` can change (`timeFacet`: the time facet statistics count these records by, null
 * when no table counts them; see `statsTimeFacet`): the year of each version named and of every other version of the
 * same records (a correction may move a case from one year to another, and the version it replaces
 * counted in the old one). Years are the first four characters of the time facet: the calendar year
 * of a month, the ISO year of an ISO week. Null when no statistics table counts records of `type`.
 *
 * Run it in the batch that commits the versions: the bump and the data it describes then change
 * in one transaction, so no reader ever sees new records under an old version (or the reverse).
 * Bumping a year whose figures did not change (an update of another field) only costs a recount.
 */
export function dataChangeStatement(
  db: D1Database,
  type: string,
  timeFacet: string | null,
  versions: ReadonlyArray<{ readonly id: string }>,
): D1PreparedStatement | null {
  if (timeFacet === null || versions.length === 0) return null;
  if (!/^[a-z_]+$/.test(timeFacet)) throw new TypeError('facet names are lower-case words');
  const facet = timeFacet;
  return db
    .prepare(
      `INSERT INTO stats_data_versions (source, year, version)
       SELECT DISTINCT ?1, CAST(substr(r.facets ->> '$.${facet}', 1, 4) AS INTEGER), 1
         FROM records r WHERE r.type = ?1 AND r.id IN (SELECT value FROM json_each(?2)) AND r.facets ->> '$.${facet}' IS NOT NULL
       ON CONFLICT (source, year) DO UPDATE SET version = version + 1`,
    )
    .bind(type, JSON.stringify([...new Set(versions.map((v) => v.id))]));
}

/** Statement bumping the place list's version; run it in the batch that replaces the list. */
export function placesChangeStatement(db: D1Database): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO stats_data_versions (source, year, version) VALUES (?1, 0, 1) ON CONFLICT (source, year) DO UPDATE SET version = version + 1`)
    .bind(PLACES_SOURCE);
}

export type { DataVersions } from '../../ports/stats.js';

/** Statement reading {@link DataVersions} (0 for data never versioned yet); map its row with {@link toDataVersions}. */
export function dataVersionsStatement(db: D1Database, type: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT coalesce((SELECT version FROM stats_data_versions WHERE source = ?1 AND year = ?2), 0) AS data,
              coalesce((SELECT version FROM stats_data_versions WHERE source = ?3 AND year = 0), 0) AS places`,
    )
    .bind(type, year, PLACES_SOURCE);
}

/** The row of {@link dataVersionsStatement} as versions. */
export function toDataVersions(row: { data: number; places: number } | undefined): DataVersions {
  return { data: Number(row?.data ?? 0), places: Number(row?.places ?? 0) };
}
