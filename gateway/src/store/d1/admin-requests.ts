import type { AdminRequest } from '../ports/approvals.js';
import { closeRequest, getRequest, insertRequest, requestFromRow, type RequestRow } from './approval-requests.js';

export { ADMIN_REQUEST_KINDS } from '../ports/approvals.js';
export type { AdminRequest, AdminRequestKind } from '../ports/approvals.js';

export const getAdminRequest = (db: D1Database, id: string) => getRequest<AdminRequest>(db, 'admin_requests', id);

/** Requests, newest first; only pending ones by default. */
export async function listAdminRequests(db: D1Database, opts: { status?: AdminRequest['status'] | 'all'; targetId?: string } = {}): Promise<AdminRequest[]> {
  const status = opts.status ?? 'pending';
  const { results } = await db
    .prepare("SELECT * FROM admin_requests WHERE (?1 = 'all' OR status = ?1) AND (?2 IS NULL OR target_id = ?2) ORDER BY requested_at DESC, id")
    .bind(status, opts.targetId ?? null)
    .all<RequestRow>();
  return results.map((r) => requestFromRow<AdminRequest>(r));
}

/** Statement opening a request; fails (unique index) when one of the same kind is already open for the target. */
export const insertAdminRequest = (db: D1Database, r: AdminRequest) => insertRequest(db, 'admin_requests', r);

/** Statement closing a pending request. */
export const closeAdminRequest = (db: D1Database, id: string, status: AdminRequest['status'], by: string, at: number) =>
  closeRequest(db, 'admin_requests', id, status, by, at);
