import { guardCount } from '../change-guard.js';
import { parseJson } from '../rows.js';
import type { TableAccess } from '@need2know/policy';
import type { StatsGrant } from '../../ports/stats.js';

export type { StatsGrant } from '../../ports/stats.js';

interface RawAccess {
  threshold: number;
  methods: TableAccess['methods'];
  max_epsilon_micro: number;
}

interface Raw {
  id: string;
  agency_id: string;
  purpose: string;
  legal_basis: string;
  tables: string;
  epsilon_budget_micro: number;
  not_before: number;
  not_after: number;
  status: StatsGrant['status'];
  etag: string;
  requested_by: string;
  approved_by: string;
  created_at: number;
  updated_at: number;
}

/** Table access as stored (snake case, like the API). */
export const accessToJson = (a: TableAccess): RawAccess => ({ threshold: a.threshold, methods: [...a.methods], max_epsilon_micro: a.maxEpsilonMicro });
const accessFromJson = (a: RawAccess): TableAccess => ({ threshold: a.threshold, methods: a.methods, maxEpsilonMicro: a.max_epsilon_micro });

const toGrant = (r: Raw): StatsGrant => ({
  id: r.id,
  agencyId: r.agency_id,
  purpose: r.purpose,
  legalBasis: r.legal_basis,
  tables: Object.fromEntries(Object.entries(parseJson<Record<string, RawAccess>>(r.tables)).map(([t, a]) => [t, accessFromJson(a)])),
  epsilonBudgetMicro: r.epsilon_budget_micro,
  notBefore: r.not_before,
  notAfter: r.not_after,
  status: r.status,
  etag: r.etag,
  requestedBy: r.requested_by,
  approvedBy: r.approved_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function getStatsGrant(db: D1Database, id: string): Promise<StatsGrant | null> {
  const row = await db.prepare('SELECT * FROM stats_grants WHERE id = ?').bind(id).first<Raw>();
  return row === null ? null : toGrant(row);
}

/** Grants of `purpose` for `agencyId` (any state). */
export async function statsGrantsFor(db: D1Database, agencyId: string, purpose: string): Promise<StatsGrant[]> {
  const { results } = await db.prepare('SELECT * FROM stats_grants WHERE agency_id = ? AND purpose = ?').bind(agencyId, purpose).all<Raw>();
  return results.map(toGrant);
}

/** Every grant, newest first. */
export async function listStatsGrants(db: D1Database): Promise<StatsGrant[]> {
  const { results } = await db.prepare('SELECT * FROM stats_grants ORDER BY created_at DESC, id').all<Raw>();
  return results.map(toGrant);
}

/** Statement inserting a grant. */
export function insertStatsGrant(db: D1Database, g: StatsGrant): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO stats_grants (id, agency_id, purpose, legal_basis, tables, epsilon_budget_micro, not_before, not_after, status, etag, requested_by, approved_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      g.id,
      g.agencyId,
      g.purpose,
      g.legalBasis,
      JSON.stringify(Object.fromEntries(Object.entries(g.tables).map(([t, a]) => [t, accessToJson(a)]))),
      g.epsilonBudgetMicro,
      g.notBefore,
      g.notAfter,
      g.status,
      g.etag,
      g.requestedBy,
      g.approvedBy,
      g.createdAt,
      g.updatedAt,
    );
}

/** Statement changing a grant's status, only if it still carries `etag`. */
export function updateStatsGrantStatus(
  db: D1Database,
  id: string,
  status: StatsGrant['status'],
  etag: string,
  newEtag: string,
  now: number,
): D1PreparedStatement {
  return db.prepare('UPDATE stats_grants SET status = ?, etag = ?, updated_at = ? WHERE id = ? AND etag = ?').bind(status, newEtag, now, id, etag);
}

/** Statements aborting the change batch unless statistics grant `id` now has `etag`. */
export function statsGrantIsNow(db: D1Database, id: string, etag: string): D1PreparedStatement[] {
  return guardCount(db, 'SELECT count(*) FROM stats_grants WHERE id = ? AND etag = ?', id, etag);
}
