import type { ApproverStanding, Grant, GrantRequest, GrantStatus, RowScope } from '@need2know/policy';
import { parseJson } from './rows.js';

interface Raw {
  id: string;
  purpose_id: string;
  agency_id: string;
  not_before: number;
  not_after: number;
  data_life: number;
  record_ids: string | null;
  /** JSON of the grant's row scope; NULL covers every record (migration 0020). */
  row_scope?: string | null;
  media_unblurred: number;
  sensitive_cases?: number;
  leadership_approvals: string;
  /** JSON array of the approvers' standing, read with the grant ({@link GRANT_COLUMNS}). */
  leadership_approvers?: string | null;
  status: GrantStatus;
  note: string;
  version: number;
  etag: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

interface RawRequest {
  id: string;
  grant_id: string;
  action: GrantRequest['action'];
  new_not_after: number | null;
  new_row_scope?: string | null;
  requested_by: string;
  requested_at: number;
  reason: string;
  status: GrantRequest['status'];
  decided_by: string | null;
  decided_at: number | null;
}

const toGrant = (r: Raw): Grant => ({
  id: r.id,
  purposeId: r.purpose_id,
  agencyId: r.agency_id,
  notBefore: r.not_before,
  notAfter: r.not_after,
  dataLife: r.data_life,
  recordIds: r.record_ids === null ? null : parseJson<string[]>(r.record_ids),
  rowScope: r.row_scope == null ? null : parseJson<RowScope>(r.row_scope),
  mediaUnblurred: r.media_unblurred === 1,
  sensitiveCases: r.sensitive_cases === 1,
  leadershipApprovals: parseJson<string[]>(r.leadership_approvals),
  // Read without the standing, no approval counts (fail closed).
  leadershipApprovers: r.leadership_approvers == null ? [] : parseJson<ApproverStanding[]>(r.leadership_approvers),
  status: r.status,
  note: r.note,
  version: r.version,
  etag: r.etag,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Every read of a grant carries the current standing of its leadership approvers, in the same
 * query, so that the policy judges approvals by who the approvers are now (no extra round trip).
 */
const GRANT_COLUMNS = `grants.*, (SELECT json_group_array(json_object('id', c.id, 'kind', c.kind, 'status', c.status, 'roles', json(c.roles)))
  FROM json_each(grants.leadership_approvals) AS j JOIN clients AS c ON c.id = j.value) AS leadership_approvers`;

const toRequest = (r: RawRequest): GrantRequest => ({
  id: r.id,
  grantId: r.grant_id,
  action: r.action,
  newNotAfter: r.new_not_after,
  ...(r.action === 'scope' ? { newRowScope: r.new_row_scope == null ? null : parseJson<RowScope>(r.new_row_scope) } : {}),
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  reason: r.reason,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

/** A row scope as stored: JSON, or NULL for every record. */
const scopeJson = (scope: RowScope | null | undefined): string | null => (scope == null ? null : JSON.stringify(scope));

/** Statement selecting grant `id` (for batching with other per-request reads); map with {@link grantFromRow}. */
export function selectGrant(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare(`SELECT ${GRANT_COLUMNS} FROM grants WHERE id = ?`).bind(id);
}

/** Maps a row of `grants` read through {@link selectGrant}. */
export function grantFromRow(row: Record<string, unknown>): Grant {
  return toGrant(row as unknown as Raw);
}

export async function getGrant(db: D1Database, id: string): Promise<Grant | null> {
  const row = await db.prepare(`SELECT ${GRANT_COLUMNS} FROM grants WHERE id = ?`).bind(id).first<Raw>();
  return row === null ? null : toGrant(row);
}

/** Grants, newest first, optionally filtered. */
export async function listGrants(db: D1Database, filter: { purposeId?: string; agencyId?: string; status?: GrantStatus } = {}): Promise<Grant[]> {
  const { results } = await db
    .prepare(
      `SELECT ${GRANT_COLUMNS} FROM grants WHERE (?1 IS NULL OR purpose_id = ?1) AND (?2 IS NULL OR agency_id = ?2) AND (?3 IS NULL OR status = ?3) ORDER BY created_at DESC, id`,
    )
    .bind(filter.purposeId ?? null, filter.agencyId ?? null, filter.status ?? null)
    .all<Raw>();
  return results.map(toGrant);
}

/** Grants of `purposeId` for `agencyId` that are approved and not yet over at `now` (token issuance). */
export async function activeGrantsFor(db: D1Database, purposeId: string, agencyId: string, now: number): Promise<Grant[]> {
  const { results } = await db
    .prepare(`SELECT ${GRANT_COLUMNS} FROM grants WHERE purpose_id = ? AND agency_id = ? AND status = 'active' AND not_after > ?`)
    .bind(purposeId, agencyId, now)
    .all<Raw>();
  return results.map(toGrant);
}

/** Grants whose window is over but which are not yet marked final (for the scheduled job). */
export async function grantsDueToExpire(db: D1Database, now: number, limit: number): Promise<Grant[]> {
  const { results } = await db
    .prepare(`SELECT ${GRANT_COLUMNS} FROM grants WHERE status IN ('pending', 'active', 'suspended') AND not_after <= ? ORDER BY not_after LIMIT ?`)
    .bind(now, limit)
    .all<Raw>();
  return results.map(toGrant);
}

export function insertGrant(db: D1Database, g: Grant): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO grants (id, purpose_id, agency_id, not_before, not_after, data_life, record_ids, row_scope, media_unblurred, sensitive_cases, leadership_approvals, status, note, version, etag, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      g.id,
      g.purposeId,
      g.agencyId,
      g.notBefore,
      g.notAfter,
      g.dataLife,
      g.recordIds === null ? null : JSON.stringify(g.recordIds),
      scopeJson(g.rowScope),
      g.mediaUnblurred ? 1 : 0,
      g.sensitiveCases ? 1 : 0,
      JSON.stringify(g.leadershipApprovals),
      g.status,
      g.note,
      g.version,
      g.etag,
      g.createdBy,
      g.createdAt,
      g.updatedAt,
    );
}

/** Statement recording the leadership approvals of a grant, only if its etag is still `expectedEtag`. */
export function updateLeadershipApprovals(db: D1Database, g: Grant, expectedEtag: string): D1PreparedStatement {
  return db
    .prepare('UPDATE grants SET leadership_approvals = ?, version = ?, etag = ?, updated_at = ? WHERE id = ? AND etag = ?')
    .bind(JSON.stringify(g.leadershipApprovals), g.version, g.etag, g.updatedAt, g.id, expectedEtag);
}

/** Statement changing a grant's status, window and row scope, only if its etag is still `expectedEtag`. */
export function updateGrantState(db: D1Database, g: Grant, expectedEtag: string): D1PreparedStatement {
  return db
    .prepare('UPDATE grants SET status = ?, not_after = ?, row_scope = ?, version = ?, etag = ?, updated_at = ? WHERE id = ? AND etag = ?')
    .bind(g.status, g.notAfter, scopeJson(g.rowScope), g.version, g.etag, g.updatedAt, g.id, expectedEtag);
}

export async function openRequestFor(db: D1Database, grantId: string): Promise<GrantRequest | null> {
  const row = await db.prepare("SELECT * FROM grant_requests WHERE grant_id = ? AND status = 'pending'").bind(grantId).first<RawRequest>();
  return row === null ? null : toRequest(row);
}

export async function requestsFor(db: D1Database, grantId: string): Promise<GrantRequest[]> {
  const { results } = await db.prepare('SELECT * FROM grant_requests WHERE grant_id = ? ORDER BY requested_at, id').bind(grantId).all<RawRequest>();
  return results.map(toRequest);
}

/** Every open request, oldest first (the console's "waiting for you" list). */
export async function pendingRequests(db: D1Database): Promise<GrantRequest[]> {
  const { results } = await db.prepare("SELECT * FROM grant_requests WHERE status = 'pending' ORDER BY requested_at, id").all<RawRequest>();
  return results.map(toRequest);
}

export function insertRequest(db: D1Database, r: GrantRequest): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO grant_requests (id, grant_id, action, new_not_after, new_row_scope, requested_by, requested_at, reason, status, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(r.id, r.grantId, r.action, r.newNotAfter, scopeJson(r.newRowScope), r.requestedBy, r.requestedAt, r.reason, r.status, r.decidedBy, r.decidedAt);
}

/** Statement closing an open request. */
export function closeRequest(db: D1Database, id: string, status: GrantRequest['status'], by: string, at: number): D1PreparedStatement {
  return db.prepare("UPDATE grant_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'").bind(status, by, at, id);
}

/** Statement withdrawing, as `system`, every pending request on grant `grantId` (the grant ended). */
export function withdrawPendingRequests(db: D1Database, grantId: string, now: number): D1PreparedStatement {
  return db
    .prepare("UPDATE grant_requests SET status = 'withdrawn', decided_by = 'system', decided_at = ? WHERE grant_id = ? AND status = 'pending'")
    .bind(now, grantId);
}

/** Statement recording that the viewer keys of ended grant `grantId` were destroyed (once: a second call changes nothing). */
export function markKeysShredded(db: D1Database, grantId: string, now: number): D1PreparedStatement {
  return db.prepare("UPDATE grants SET keys_shredded_at = ? WHERE id = ? AND keys_shredded_at IS NULL AND status IN ('revoked', 'expired')").bind(now, grantId);
}

/** Ended grants whose viewer keys have not been destroyed yet, least recently changed first. */
export async function grantsToShred(db: D1Database, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT id FROM grants WHERE status IN ('revoked', 'expired') AND keys_shredded_at IS NULL ORDER BY updated_at LIMIT ?")
    .bind(limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}
