import { Problem } from '../../platform/errors/problem.js';
import { getStatsRequest, listStatsRequests, type StatsRequest } from '../../store/d1/stats/requests.js';
import { approveStatsRequest, rejectStatsRequest } from './changes.js';

export type { StatsRequest } from '../../store/d1/stats/requests.js';

/** Statistics changes, newest first; pending ones unless `status` says otherwise. */
export function statsRequests(db: D1Database, status: StatsRequest['status'] | 'all'): Promise<StatsRequest[]> {
  return listStatsRequests(db, status);
}

/** The request `id`, or 404. */
async function existing(db: D1Database, id: string): Promise<StatsRequest> {
  const request = await getStatsRequest(db, id);
  if (request === null) throw new Problem(404, 'not_found');
  return request;
}

/**
 * A second officer approves request `id` and it is applied, all or nothing (see `approveStatsRequest`).
 * Returns the request as it stands after. Throws {@link Problem} 404, 403 or 409.
 */
export async function approveStatsRequestById(db: D1Database, id: string, approver: string, reason: string, now: number): Promise<StatsRequest> {
  const request = await existing(db, id);
  await approveStatsRequest(db, request, approver, reason, now);
  return (await getStatsRequest(db, id)) ?? request;
}

/** Rejects (or, by its requester, withdraws) request `id`. Returns it as it stands after. Throws {@link Problem} 404 or 409. */
export async function rejectStatsRequestById(db: D1Database, id: string, actor: string, reason: string, now: number): Promise<StatsRequest> {
  const request = await existing(db, id);
  await rejectStatsRequest(db, request, actor, reason, now);
  return (await getStatsRequest(db, id)) ?? request;
}
