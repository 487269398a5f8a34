import { Problem } from '../../platform/errors/problem.js';
import type { AdminRequest, AdminRequestFilter, AdminStores } from '../../store/ports/index.js';

export { ADMIN_REQUEST_KINDS } from '../../store/ports/index.js';
export type { AdminRequest, AdminRequestKind, ApprovalRequest } from '../../store/ports/index.js';

/** Which registry requests to list: one status (pending by default) or all, optionally of one target. */
export type RequestFilter = AdminRequestFilter;

/** Registry changes waiting for (or decided by) a second officer, newest first. */
export function listRegistryRequests(stores: Pick<AdminStores, 'approvals'>, filter: RequestFilter): Promise<AdminRequest[]> {
  return stores.approvals.listAdminRequests(filter);
}

/** The registry request `id`; 404 when there is none. */
export async function readRegistryRequest(stores: Pick<AdminStores, 'approvals'>, id: string): Promise<AdminRequest> {
  const request = await stores.approvals.getAdminRequest(id);
  if (request === null) throw new Problem(404, 'not_found');
  return request;
}
