import { dataChangeStatement } from './stats/data-versions.js';
import type { CommitVersion, NewVersion, RowCursor } from '../ports/records.js';

export type { CommitVersion, NewVersion, RowCursor, SealedRecord } from '../ports/records.js';
import { parseJson } from './rows.js';
import type { HiddenMark, RowScopeFilter } from '@need2know/policy';
import type { RecordRow } from '../ports/record-versions.js';

/**
 * SQL condition: the facets of the records row `r` lie inside the row scope filter bound as JSON at
 * `param` (`rowScopeFilter` in policy decides it; NULL: no filter). The place facet starts with one
 * of the scope's codes, the date facet (a month or ISO week, which order as text) lies between the
 * bounds, and a filter marked `none` lets nothing through.
 */
const inRowScope = (r: string, param: string): string => `(${param} IS NULL OR (
  (${param} ->> '$.none') = 0
  AND ((${param} ->> '$.places') IS NULL OR EXISTS (SELECT 1 FROM json_each(${param}, '$.places') p
        WHERE substr(json_extract(${r}.facets, '$.' || (${param} ->> '$.placeFacet')), 1, length(p.value)) = p.value))
  AND ((${param} ->> '$.dateFacet') IS NULL OR (
        json_extract(${r}.facets, '$.' || (${param} ->> '$.dateFacet')) IS NOT NULL
        AND ((${param} ->> '$.min') IS NULL OR json_extract(${r}.facets, '$.' || (${param} ->> '$.dateFacet')) >= (${param} ->> '$.min'))
        AND ((${param} ->> '$.max') IS NULL OR json_extract(${r}.facets, '$.' || (${param} ->> '$.dateFacet')) <= (${param} ->> '$.max'))))))`;

/** A row scope filter as bound to a statement. */
const scopeParam = (scope: RowScopeFilter | null | undefined): string | null => (scope == null ? null : JSON.stringify(scope));

/** A stored record version (the type services see, declared with the ports). */
export type { RecordRow } from '../ports/record-versions.js';

interface Raw {
  type: string;
  id: string;
  version: number;
  owner: string;
  sealed: string;
  plain: string;
  facets: string;
  key_version: number;
  ingested_at: number;
  ingested_by: string;
  pending: number;
}

const toRow = (r: Raw): RecordRow => ({
  type: r.type,
  id: r.id,
  version: r.version,
  owner: r.owner,
  sealed: parseJson(r.sealed),
  plain: parseJson(r.plain),
  facets: parseJson(r.facets),
  keyVersion: r.key_version,
  ingestedAt: r.ingested_at,
  ingestedBy: r.ingested_by,
  pending: r.pending === 1,
});

/**
 * Statement selecting the current versions of records `ids` of `type` (for batching); map with
 * {@link recordRowsFrom}. With `hide`, records whose clear field carries that mark are left out by
 * the query itself, so they cost exactly what a missing record costs (no row comes back).
 */
export function selectCurrentRecords(db: D1Database, type: string, ids: readonly string[], hide?: HiddenMark | null): D1PreparedStatement {
  // One bound parameter carrying a JSON array: D1 limits a statement to 100 parameters.
  return db
    .prepare(
      "SELECT * FROM records WHERE type = ?1 AND current = 1 AND id IN (SELECT value FROM json_each(?2)) AND (?3 IS NULL OR json_extract(plain, '$.' || ?3) IS NOT ?4)",
    )
    .bind(type, JSON.stringify(ids), hide?.field ?? null, hide?.value ?? null);
}

/** Maps the rows read through {@link selectCurrentRecords}. */
export function recordRowsFrom(result: D1Result<Record<string, unknown>> | undefined): RecordRow[] {
  return (result?.results ?? []).map((r) => toRow(r as unknown as Raw));
}

/** The current versions of records `ids` of `type` (absent ids are simply missing), only those inside the row `scope` filter when given. */
export async function currentRecords(db: D1Database, type: string, ids: readonly string[], scope?: RowScopeFilter | null): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  if (scope == null) {
    const { results } = await selectCurrentRecords(db, type, ids).all<Raw>();
    return results.map(toRow);
  }
  const { results } = await db
    .prepare(`SELECT * FROM records WHERE type = ?1 AND current = 1 AND id IN (SELECT value FROM json_each(?2)) AND ${inRowScope('records', '?3')}`)
    .bind(type, JSON.stringify(ids), scopeParam(scope))
    .all<Raw>();
  return results.map(toRow);
}

/** Every committed version of record `id` of `type`, oldest first (the history kept for audit). */
export async function recordVersions(db: D1Database, type: string, id: string): Promise<RecordRow[]> {
  const { results } = await db.prepare('SELECT * FROM records WHERE type = ? AND id = ? AND pending = 0 ORDER BY version').bind(type, id).all<Raw>();
  return results.map(toRow);
}

/**
 * Ids of current records of `type` whose blind index `search` equals `tag` (candidates: may hold
 * false positives), only among `within` when given and without records carrying the `hide` mark
 * (both filtered in the query, so such ids are never even returned).
 */
export async function idsByTag(
  db: D1Database,
  type: string,
  search: string,
  tag: string,
  limit: number,
  within?: readonly string[],
  hide?: HiddenMark | null,
  scope?: RowScopeFilter | null,
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM record_index WHERE type = ?1 AND search = ?2 AND tag = ?3 AND (?5 IS NULL OR id IN (SELECT value FROM json_each(?5)))
       AND (?6 IS NULL OR NOT EXISTS (SELECT 1 FROM records r WHERE r.type = ?1 AND r.id = record_index.id AND r.current = 1 AND json_extract(r.plain, '$.' || ?6) IS ?7))
       AND (?8 IS NULL OR EXISTS (SELECT 1 FROM records r WHERE r.type = ?1 AND r.id = record_index.id AND r.current = 1 AND ${inRowScope('r', '?8')})) LIMIT ?4`,
    )
    .bind(type, search, tag, limit, within === undefined ? null : JSON.stringify(within), hide?.field ?? null, hide?.value ?? null, scopeParam(scope))
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * What ingest must compare a batch against: the current version and every pending version of
 * records `ids` of `type` (a pending version is one an interrupted ingest wrote but did not commit).
 */
export async function ingestTargets(db: D1Database, type: string, ids: readonly string[]): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare('SELECT * FROM records WHERE type = ?1 AND (current = 1 OR pending = 1) AND id IN (SELECT value FROM json_each(?2)) ORDER BY id, version')
    .bind(type, JSON.stringify(ids))
    .all<Raw>();
  return results.map(toRow);
}

/**
 * The current versions of records of `type` whose blind index `search` equals `tag`, only among
 * `within` when given and inside the row `scope` filter when given: the index lookup and the read in
 * one statement, so that a lookup costs one round trip whether it finds something or not
 * (candidates may hold false positives).
 */
export async function currentRecordsByTag(
  db: D1Database,
  type: string,
  search: string,
  tag: string,
  limit: number,
  within?: readonly string[],
  scope?: RowScopeFilter | null,
): Promise<RecordRow[]> {
  const { results } = await db
    .prepare(
      `SELECT r.* FROM record_index i JOIN records r ON r.type = i.type AND r.id = i.id AND r.current = 1 WHERE i.type = ?1 AND i.search = ?2 AND i.tag = ?3 AND (?5 IS NULL OR i.id IN (SELECT value FROM json_each(?5)))
       AND ${inRowScope('r', '?6')} LIMIT ?4`,
    )
    .bind(type, search, tag, limit, within === undefined ? null : JSON.stringify(within), scopeParam(scope))
    .all<Raw>();
  return results.map(toRow);
}

/**
 * Statement writing new versions of records of `type` as pending: stored, but neither current nor
 * indexed, so no reader sees them until {@link commitVersionsStatements} runs (after the log entry
 * naming them was appended). The rows travel as one JSON parameter (`json_each`), so a batch of
 * hundreds of records is one statement. A version number taken concurrently fails the statement
 * (primary key), and the caller reads again.
 */
export function writePendingStatement(
  db: D1Database,
  type: string,
  owner: string,
  by: string,
  now: number,
  versions: readonly NewVersion[],
): D1PreparedStatement {
  const rows = JSON.stringify(
    versions.map((v) => [
      v.id,
      v.version,
      JSON.stringify(v.sealed.sealed),
      JSON.stringify(v.sealed.plain),
      JSON.stringify(v.sealed.facets),
      v.sealed.keyVersion,
    ]),
  );
  return db
    .prepare(
      `INSERT INTO records (type, id, version, current, pending, owner, sealed, plain, facets, key_version, ingested_at, ingested_by)
       SELECT ?1, j.value ->> 0, j.value ->> 1, 0, 1, ?2, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, ?3, ?4 FROM json_each(?5) j`,
    )
    .bind(type, owner, now, by, rows);
}

/**
 * Statements that make pending versions current, for one `db.batch` (a transaction): the previous
 * current version of each record stops being current, the pending one becomes current, and the
 * record's blind indexes are replaced. A version never replaces a newer current one (a slower
 * concurrent ingest stays pending, unread), and running the statements again changes nothing, so a
 * retry may commit what an interrupted ingest left. The same transaction bumps the data version of the
 * statistics these records are counted in, so a protected table kept for the old data is never
 * reused for the new (`dataChangeStatement`).
 */
export function commitVersionsStatements(
  db: D1Database,
  type: string,
  statsTimeFacet: string | null,
  versions: readonly CommitVersion[],
): D1PreparedStatement[] {
  const rows = JSON.stringify(versions.map((v) => [v.id, v.version]));
  const tags = JSON.stringify(versions.flatMap((v) => v.tags.map(([search, tag]) => [search, tag, v.id, v.version])));
  const statsChange = dataChangeStatement(db, type, statsTimeFacet, versions);
  return [
    ...(statsChange === null ? [] : [statsChange]),
    db
      .prepare(
        // Driven by the batch (ids are unique in it): an index lookup per record, not a scan of the
        // type's current rows per batch, which made loading quadratic in the store's size.
        `UPDATE records SET current = 0 WHERE type = ?1 AND current = 1
           AND id IN (SELECT j.value ->> 0 FROM json_each(?2) j
                       WHERE EXISTS (SELECT 1 FROM records p WHERE p.type = ?1 AND p.id = j.value ->> 0 AND p.version = j.value ->> 1 AND p.pending = 1))
           AND version < (SELECT max(j.value ->> 1) FROM json_each(?2) j WHERE j.value ->> 0 = records.id)`,
      )
      .bind(type, rows),
    db
      .prepare(
        `UPDATE records SET current = 1, pending = 0 WHERE type = ?1 AND pending = 1
           AND EXISTS (SELECT 1 FROM json_each(?2) j WHERE j.value ->> 0 = records.id AND j.value ->> 1 = records.version)
           AND NOT EXISTS (SELECT 1 FROM records c WHERE c.type = ?1 AND c.id = records.id AND c.current = 1)`,
      )
      .bind(type, rows),
    db
      .prepare(
        `DELETE FROM record_index WHERE type = ?1 AND id IN
           (SELECT j.value ->> 0 FROM json_each(?2) j
             WHERE EXISTS (SELECT 1 FROM records r WHERE r.type = ?1 AND r.id = j.value ->> 0 AND r.version = j.value ->> 1 AND r.current = 1))`,
      )
      .bind(type, rows),
    db
      .prepare(
        `INSERT OR IGNORE INTO record_index (type, search, tag, id)
         SELECT ?1, t.value ->> 0, t.value ->> 1, t.value ->> 2 FROM json_each(?2) t
         WHERE EXISTS (SELECT 1 FROM records r WHERE r.type = ?1 AND r.id = t.value ->> 2 AND r.version = t.value ->> 3 AND r.current = 1)`,
      )
      .bind(type, tags),
  ];
}

/** Rows whose envelopes are below field-key version `current`, in (type, id, version) order after `after`. */
export async function rowsBelowKeyVersion(db: D1Database, current: number, limit: number, after?: RowCursor): Promise<RecordRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM records WHERE key_version < ?1 AND (type, id, version) > (?2, ?3, ?4) ORDER BY type, id, version LIMIT ?5')
    .bind(current, after?.type ?? '', after?.id ?? '', after?.version ?? 0, limit)
    .all<Raw>();
  return results.map(toRow);
}

/** Statement replacing the envelopes of one row, only if they are still `expectedSealed` (a concurrent writer wins). */
export function rewrapRowStatement(
  db: D1Database,
  row: RowCursor,
  sealed: Record<string, string>,
  keyVersion: number,
  expectedSealed: string,
): D1PreparedStatement {
  return db
    .prepare('UPDATE records SET sealed = ?, key_version = ? WHERE type = ? AND id = ? AND version = ? AND sealed = ?')
    .bind(JSON.stringify(sealed), keyVersion, row.type, row.id, row.version, expectedSealed);
}

/** Counts of record versions per field-key version (re-wrap progress). */
export async function keyVersionCounts(db: D1Database): Promise<Record<string, number>> {
  const { results } = await db.prepare('SELECT key_version, count(*) AS n FROM records GROUP BY key_version').all<{ key_version: number; n: number }>();
  return Object.fromEntries(results.map((r) => [String(r.key_version), r.n]));
}

/** Record versions whose envelopes are still below field-key version `version`. */
export async function countRowsBelowKeyVersion(db: D1Database, version: number): Promise<number> {
  return (await db.prepare('SELECT count(*) AS n FROM records WHERE key_version < ?').bind(version).first<{ n: number }>())?.n ?? 0;
}
