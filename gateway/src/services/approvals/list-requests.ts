import { Problem } from '../../platform/errors/problem.js';
import { getAdminRequest, listAdminRequests, type AdminRequest } from '../../store/d1/admin-requests.js';

export { ADMIN_REQUEST_KINDS } from '../../store/d1/admin-requests.js';
export type { AdminRequest, AdminRequestKind } from '../../store/d1/admin-requests.js';
export type { ApprovalRequest } from '../../store/d1/approval-requests.js';

/** Which registry requests to list: one status (pending by default) or all, optionally of one target. */
export interface RequestFilter {
  readonly status?: AdminRequest['status'] | 'all';
  readonly targetId?: string;
}

/** Registry changes waiting for (or decided by) a second officer, newest first. */
export function listRegistryRequests(db: D1Database, filter: RequestFilter): Promise<AdminRequest[]> {
  return listAdminRequests(db, filter);
}

/** The registry request `id`; 404 when there is none. */
export async function readRegistryRequest(db: D1Database, id: string): Promise<AdminRequest> {
  const request = await getAdminRequest(db, id);
  if (request === null) throw new Problem(404, 'not_found');
  return request;
}
