import { guardCount } from '../change-guard.js';
import { closeRequest, getRequest, insertRequest, requestFromRow, type ApprovalRequest, type RequestRow } from '../approval-requests.js';

export const STATS_REQUEST_KINDS = ['grant.create', 'public.update'] as const;
export type StatsRequestKind = (typeof STATS_REQUEST_KINDS)[number];

/** A change that widens statistical access, waiting for a second privacy officer (table `stats_requests`). */
export type StatsRequest = ApprovalRequest<StatsRequestKind>;

export const getStatsRequest = (db: D1Database, id: string) => getRequest<StatsRequest>(db, 'stats_requests', id);

/** Requests, newest first; pending ones unless `status` says otherwise. */
export async function listStatsRequests(db: D1Database, status: StatsRequest['status'] | 'all' = 'pending'): Promise<StatsRequest[]> {
  const { results } = await db
    .prepare("SELECT * FROM stats_requests WHERE (?1 = 'all' OR status = ?1) ORDER BY requested_at DESC, id")
    .bind(status)
    .all<RequestRow>();
  return results.map((r) => requestFromRow<StatsRequest>(r));
}

/** Statement opening a request; fails (unique index) when one of the same kind is open for the target. */
export const insertStatsRequest = (db: D1Database, r: StatsRequest) => insertRequest(db, 'stats_requests', r);

/** Statement closing a pending request. */
export const closeStatsRequest = (db: D1Database, id: string, status: StatsRequest['status'], by: string, at: number) =>
  closeRequest(db, 'stats_requests', id, status, by, at);

/** Statements aborting the change batch unless request `id` is now `status`, decided by `by` (this decision closed it). */
export function statsRequestClosedBy(db: D1Database, id: string, status: StatsRequest['status'], by: string): D1PreparedStatement[] {
  return guardCount(db, 'SELECT count(*) FROM stats_requests WHERE id = ? AND status = ? AND decided_by = ?', id, status, by);
}
