import { Problem } from '../../platform/errors/problem.js';
import type { StatsRequest, Stores } from '../../store/ports/index.js';
import { approveStatsRequest, rejectStatsRequest } from './changes.js';

export type { StatsRequest } from '../../store/ports/index.js';

/** Statistics changes, newest first; pending ones unless `status` says otherwise. */
export function statsRequests(stores: Pick<Stores, 'stats'>, status: StatsRequest['status'] | 'all'): Promise<StatsRequest[]> {
  return stores.stats.listRequests(status);
}

/** The request `id`, or 404. */
async function existing(stores: Pick<Stores, 'stats'>, id: string): Promise<StatsRequest> {
  const request = await stores.stats.getRequest(id);
  if (request === null) throw new Problem(404, 'not_found');
  return request;
}

/**
 * A second officer approves request `id` and it is applied, all or nothing (see `approveStatsRequest`).
 * Returns the request as it stands after. Throws {@link Problem} 404, 403 or 409.
 */
export async function approveStatsRequestById(
  stores: Pick<Stores, 'stats' | 'changes'>,
  id: string,
  approver: string,
  reason: string,
  now: number,
): Promise<StatsRequest> {
  const request = await existing(stores, id);
  await approveStatsRequest(stores, request, approver, reason, now);
  return (await stores.stats.getRequest(id)) ?? request;
}

/** Rejects (or, by its requester, withdraws) request `id`. Returns it as it stands after. Throws {@link Problem} 404 or 409. */
export async function rejectStatsRequestById(
  stores: Pick<Stores, 'stats' | 'changes'>,
  id: string,
  actor: string,
  reason: string,
  now: number,
): Promise<StatsRequest> {
  const request = await existing(stores, id);
  await rejectStatsRequest(stores, request, actor, reason, now);
  return (await stores.stats.getRequest(id)) ?? request;
}
