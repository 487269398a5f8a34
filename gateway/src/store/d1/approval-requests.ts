import type { ApprovalRequest } from '../ports/approvals.js';
import { parseJson } from './rows.js';

/**
 * Changes waiting for a second privacy officer are kept the same way whatever they change: registry
 * changes in `admin_requests`, statistical access in `stats_requests`. This module reads and writes
 * either table; `admin-requests.ts` and `stats/requests.ts` beside it name their kinds.
 */

/** The tables that hold requests (a closed set: table names never come from input). */
export type RequestTable = 'admin_requests' | 'stats_requests';

export type { ApprovalRequest } from '../ports/approvals.js';

/** A row of either table. */
export interface RequestRow {
  id: string;
  kind: string;
  target_id: string;
  payload: string;
  requested_by: string;
  requested_at: number;
  reason: string;
  status: ApprovalRequest<string>['status'];
  decided_by: string | null;
  decided_at: number | null;
}

/** Maps a row read from `table` (the kinds and payload shape are the table's own). */
export function requestFromRow<R extends ApprovalRequest<string>>(r: RequestRow): R {
  return {
    id: r.id,
    kind: r.kind,
    targetId: r.target_id,
    payload: parseJson(r.payload),
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    reason: r.reason,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  } as R;
}

export async function getRequest<R extends ApprovalRequest<string>>(db: D1Database, table: RequestTable, id: string): Promise<R | null> {
  const row = await db.prepare(`SELECT * FROM ${table} WHERE id = ?`).bind(id).first<RequestRow>();
  return row === null ? null : requestFromRow<R>(row);
}

/** Statement opening a request; fails (unique index) when one of the same kind is already open for the target. */
export function insertRequest(db: D1Database, table: RequestTable, r: ApprovalRequest<string>): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO ${table} (id, kind, target_id, payload, requested_by, requested_at, reason, status, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(r.id, r.kind, r.targetId, JSON.stringify(r.payload), r.requestedBy, r.requestedAt, r.reason, r.status, r.decidedBy, r.decidedAt);
}

/** Statement closing a pending request. */
export function closeRequest(
  db: D1Database,
  table: RequestTable,
  id: string,
  status: ApprovalRequest<string>['status'],
  by: string,
  at: number,
): D1PreparedStatement {
  return db.prepare(`UPDATE ${table} SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'`).bind(status, by, at, id);
}
