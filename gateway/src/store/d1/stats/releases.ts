import type { ReleaseRow } from '../../ports/stats.js';

export type { ReleaseRow } from '../../ports/stats.js';

interface Raw {
  id: string;
  consumer: string;
  purpose: string;
  grant_id: string | null;
  client_id: string | null;
  table_name: string;
  params_hash: string;
  params: string;
  protection: string;
  cells: number;
  withheld: number;
  response_hash: string;
  body: string | null;
  log_index: number;
  created_at: number;
}

const toRow = (r: Raw): ReleaseRow => ({
  id: r.id,
  consumer: r.consumer,
  purpose: r.purpose,
  grantId: r.grant_id,
  clientId: r.client_id,
  table: r.table_name,
  paramsHash: r.params_hash,
  params: JSON.parse(r.params) as Record<string, unknown>,
  protection: JSON.parse(r.protection) as Record<string, unknown>,
  cells: r.cells,
  withheld: r.withheld,
  responseHash: r.response_hash,
  body: r.body,
  logIndex: r.log_index,
  createdAt: r.created_at,
});

/** Statement recording a release. */
export function insertRelease(db: D1Database, r: ReleaseRow): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO stats_releases (id, consumer, purpose, grant_id, client_id, table_name, params_hash, params, protection, cells, withheld, response_hash, body, log_index, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      r.id,
      r.consumer,
      r.purpose,
      r.grantId,
      r.clientId,
      r.table,
      r.paramsHash,
      JSON.stringify(r.params),
      JSON.stringify(r.protection),
      r.cells,
      r.withheld,
      r.responseHash,
      r.body,
      r.logIndex,
      r.createdAt,
    );
}

/** The newest kept release of the same request by the same consumer and purpose made at or after `since`. */
export async function reusableRelease(db: D1Database, consumer: string, purpose: string, paramsHash: string, since: number): Promise<ReleaseRow | null> {
  const row = await db
    .prepare(
      'SELECT * FROM stats_releases WHERE consumer = ? AND purpose = ? AND params_hash = ? AND created_at >= ? AND body IS NOT NULL ORDER BY created_at DESC LIMIT 1',
    )
    .bind(consumer, purpose, paramsHash, since)
    .first<Raw>();
  return row === null ? null : toRow(row);
}

/** Releases, newest first, without their bodies. */
export async function listReleases(db: D1Database, limit: number): Promise<ReleaseRow[]> {
  const { results } = await db
    .prepare(
      'SELECT id, consumer, purpose, grant_id, client_id, table_name, params_hash, params, protection, cells, withheld, response_hash, NULL AS body, log_index, created_at FROM stats_releases ORDER BY created_at DESC, id LIMIT ?',
    )
    .bind(limit)
    .all<Raw>();
  return results.map(toRow);
}
