import { closeRequest, getRequest, insertRequest, requestFromRow, type RequestRow } from '../approval-requests.js';
import type { StatsRequest } from '../../ports/stats.js';

export { STATS_REQUEST_KINDS } from '../../ports/stats.js';
export type { StatsRequest, StatsRequestKind } from '../../ports/stats.js';

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
