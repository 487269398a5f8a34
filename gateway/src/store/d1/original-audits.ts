/**
 * `media_original_audits` (migration 0024): privacy officers' requests to audit a photo's original,
 * with their leadership approvals. Every read carries the approvers' standing as it is now, in the
 * same query, so that the policy judges approvals by who the approvers are today.
 */
import type { ApproverStanding, LeadershipApproval } from '@need2know/policy';
import type { NewOriginalAudit, OriginalAuditChange, OriginalAuditFilter, OriginalAuditRequest, OriginalAuditStore } from '../ports/original-audits.js';
import { guardChanged } from './change-guard.js';
import { parseJson } from './rows.js';

interface Row {
  id: string;
  owner: string;
  ref: string;
  requested_by: string;
  requested_at: number;
  reason: string;
  status: OriginalAuditRequest['status'];
  approvals: string;
  closed_by: string | null;
  closed_at: number | null;
  approvers: string | null;
}

const COLUMNS = `a.*, (SELECT json_group_array(json_object('id', c.id, 'kind', c.kind, 'status', c.status, 'roles', json(c.roles)))
  FROM json_each(a.approvals) AS j JOIN clients AS c ON c.id = json_extract(j.value, '$.by')) AS approvers`;

const fromRow = (r: Row): OriginalAuditRequest => ({
  id: r.id,
  owner: r.owner,
  ref: r.ref,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  reason: r.reason,
  status: r.status,
  approvals: parseJson<LeadershipApproval[]>(r.approvals),
  approvers: r.approvers === null ? [] : parseJson<ApproverStanding[]>(r.approvers),
  closedBy: r.closed_by,
  closedAt: r.closed_at,
});

function insert(db: D1Database, r: NewOriginalAudit): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO media_original_audits (id, owner, ref, requested_by, requested_at, reason, status, approvals, closed_by, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(r.id, r.owner, r.ref, r.requestedBy, r.requestedAt, r.reason, r.status, JSON.stringify(r.approvals), r.closedBy, r.closedAt);
}

/** The D1 statements of one change of these requests (each conditional one followed by its guard). */
export function originalAuditStatementsOf(db: D1Database, change: OriginalAuditChange): D1PreparedStatement[] {
  switch (change.op) {
    case 'original_audit.insert':
      return [insert(db, change.request)];
    case 'original_audit.approve':
      return [
        db
          .prepare(
            "UPDATE media_original_audits SET approvals = json_insert(approvals, '$[#]', json(?)) WHERE id = ? AND status = 'open' AND json_array_length(approvals) = ?",
          )
          .bind(JSON.stringify({ by: change.approval.by, at: change.approval.at }), change.id, change.expectedApprovals),
        ...guardChanged(db),
      ];
    case 'original_audit.close':
      return [
        db
          .prepare("UPDATE media_original_audits SET status = ?, closed_by = ?, closed_at = ? WHERE id = ? AND status = 'open'")
          .bind(change.status, change.by, change.at, change.id),
        ...guardChanged(db),
      ];
  }
}

/** The reads of the port over one D1 database. */
export function d1OriginalAuditStore(db: D1Database): OriginalAuditStore {
  return {
    async getOriginalAudit(id) {
      const row = await db.prepare(`SELECT ${COLUMNS} FROM media_original_audits AS a WHERE a.id = ?`).bind(id).first<Row>();
      return row === null ? null : fromRow(row);
    },
    async originalAuditsFor(owner, ref, requestedBy) {
      const { results } = await db
        .prepare(`SELECT ${COLUMNS} FROM media_original_audits AS a WHERE a.owner = ? AND a.ref = ? AND a.requested_by = ? ORDER BY a.requested_at DESC, a.id`)
        .bind(owner, ref, requestedBy)
        .all<Row>();
      return results.map(fromRow);
    },
    async listOriginalAudits(filter: OriginalAuditFilter) {
      const { results } = await db
        .prepare(`SELECT ${COLUMNS} FROM media_original_audits AS a WHERE (?1 = 'all' OR a.status = ?1) ORDER BY a.requested_at DESC, a.id LIMIT ?2`)
        .bind(filter.status ?? 'open', filter.limit)
        .all<Row>();
      return results.map(fromRow);
    },
  };
}
