import { closeRequest, getRequest, insertRequest, requestFromRow, type ApprovalRequest, type RequestRow } from '../approval-requests.js';

export const STATS_REQUEST_KINDS = ['grant.create', 'public.update'] as const;
export type StatsRequestKind = (typeof STATS_REQUEST_KINDS)[number];

/** A change that widens statistical access, waiting for a second privacy officer (table `stats_requests`). */
export type StatsRequest = ApprovalRequest<StatsRequestKind>;

export const getStatsRequest = (db: D1Database, id: string) => getRequest<StatsRequest>(db, 'stats_requests', id);

/** Requests, newest first; pending ones unless `status` says otherwise. */
export async function listStatsRequests(db: D1Database, status: StatsRequest['status'] | 'all' = 'pending'): Promise<StatsRequest[]> {
  const { results } = await db.prepare("SELECT * FROM stats_requests WHERE (?1 = 'all' OR status = ?1) ORDER BY requested_at DESC, id").bind(status).all<RequestRow>();
  return results.map((r) => requestFromRow<StatsRequest>(r));
}

/** Statement opening a request; fails (unique index) when one of the same kind is open for the target. */
export const insertStatsRequest = (db: D1Database, r: StatsRequest) => insertRequest(db, 'stats_requests', r);

/** Statement closing a pending request. */
export const closeStatsRequest = (db: D1Database, id: string, status: StatsRequest['status'], by: string, at: number) => closeRequest(db, 'stats_requests', id, status, by, at);
