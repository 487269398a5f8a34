import type { DataVersions, ProtectedTableKey, ProtectedTableRow } from '../../ports/stats.js';
import { PLACES_SOURCE } from './data-versions.js';

export type { ProtectedTableKey, ProtectedTableRow } from '../../ports/stats.js';

/** D1 hands a BLOB back as an array of bytes (or an ArrayBuffer, depending on the driver). */
function blob(value: unknown): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return Uint8Array.from(value as number[]);
  throw new TypeError('a stored protected table has no cells');
}

/**
 * The stored protected table `key` (null when none) and the versions of the data it would be counted
 * from now (records of `recordType` in its year, and the place list), read in one statement so that
 * both describe the same moment. Whether the table may be used is `mayServeKept`'s decision.
 */
export async function keptProtectedTable(
  db: D1Database,
  key: ProtectedTableKey,
  recordType: string,
): Promise<{ kept: ProtectedTableRow | null; current: DataVersions }> {
  const row = await db
    .prepare(
      `SELECT p.*,
              coalesce((SELECT version FROM stats_data_versions WHERE source = ?4 AND year = ?2), 0) AS current_data,
              coalesce((SELECT version FROM stats_data_versions WHERE source = ?5 AND year = 0), 0) AS current_places
         FROM (SELECT 1) LEFT JOIN stats_protected_tables p ON p.table_name = ?1 AND p.year = ?2 AND p.step = ?3`,
    )
    .bind(key.table, key.year, key.step, recordType, PLACES_SOURCE)
    .first<Record<string, unknown>>();
  const current: DataVersions = { data: Number(row?.current_data ?? 0), places: Number(row?.current_places ?? 0) };
  if (row === null || row.table_name === null || row.table_name === undefined) return { kept: null, current };
  return {
    kept: {
      table: String(row.table_name),
      year: Number(row.year),
      step: Number(row.step),
      format: Number(row.format),
      dataVersion: Number(row.data_version),
      placesVersion: Number(row.places_version),
      places: JSON.parse(String(row.places)) as string[],
      cells: blob(row.cells),
      cellCount: Number(row.cell_count),
      withheld: Number(row.withheld),
      computedAt: Number(row.computed_at),
    },
    current,
  };
}

/**
 * Statement storing `row` in place of the table's previous row when `mayReplaceKept` allows it (the
 * same condition, checked in the statement that writes): never over a row made from newer data, so a
 * slow computation finishing after a later one puts no older figures back. `runs` counts the
 * computations stored.
 */
export function storeProtectedTableStatement(db: D1Database, row: ProtectedTableRow): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO stats_protected_tables (table_name, year, step, format, data_version, places_version, places, cells, cell_count, withheld, computed_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
       ON CONFLICT (table_name, year, step) DO UPDATE SET
         format = excluded.format, data_version = excluded.data_version, places_version = excluded.places_version, places = excluded.places,
         cells = excluded.cells, cell_count = excluded.cell_count, withheld = excluded.withheld, computed_at = excluded.computed_at,
         runs = stats_protected_tables.runs + 1
       WHERE excluded.format <> stats_protected_tables.format
          OR (excluded.data_version >= stats_protected_tables.data_version AND excluded.places_version >= stats_protected_tables.places_version)`,
    )
    .bind(
      row.table,
      row.year,
      row.step,
      row.format,
      row.dataVersion,
      row.placesVersion,
      JSON.stringify(row.places),
      row.cells,
      row.cellCount,
      row.withheld,
      row.computedAt,
    );
}

/**
 * Takes the lease on computing table `table` of year `year` for `holder` until `expiresAt` (ms), if
 * nobody holds it or the holder's lease expired (a computation that died). One statement, so of two
 * racing requests exactly one gets it. True when `holder` now holds it.
 */
export async function takeProtectionLease(db: D1Database, table: string, year: number, holder: string, nowMs: number, expiresAt: number): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO stats_protection_leases (table_name, year, holder, expires_at) VALUES (?1, ?2, ?3, ?5)
       ON CONFLICT (table_name, year) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE stats_protection_leases.expires_at <= ?4
       RETURNING holder`,
    )
    .bind(table, year, holder, nowMs, expiresAt)
    .first<{ holder: string }>();
  return row?.holder === holder;
}

/** True while someone holds an unexpired lease on computing `table` of `year` (a small read, for waiting). */
export async function protectionLeaseHeld(db: D1Database, table: string, year: number, nowMs: number): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS held FROM stats_protection_leases WHERE table_name = ?1 AND year = ?2 AND expires_at > ?3')
    .bind(table, year, nowMs)
    .first<{ held: number }>();
  return row !== null;
}

/** Statement giving up `holder`'s lease on `table` of `year` (nothing if another took it over meanwhile). */
export function releaseProtectionLeaseStatement(db: D1Database, table: string, year: number, holder: string): D1PreparedStatement {
  return db.prepare('DELETE FROM stats_protection_leases WHERE table_name = ?1 AND year = ?2 AND holder = ?3').bind(table, year, holder);
}

/** How often each stored protected table was computed, for monitoring (a table recomputed often has data that keep changing). */
export async function protectedTableRuns(db: D1Database, table: string, year: number): Promise<Array<{ step: number; runs: number; dataVersion: number }>> {
  const { results } = await db
    .prepare('SELECT step, runs, data_version FROM stats_protected_tables WHERE table_name = ?1 AND year = ?2 ORDER BY step')
    .bind(table, year)
    .all<{ step: number; runs: number; data_version: number }>();
  return results.map((r) => ({ step: r.step, runs: r.runs, dataVersion: r.data_version }));
}
