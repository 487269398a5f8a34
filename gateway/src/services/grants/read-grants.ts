import type { Grant, GrantRequest } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { AdminStores, GrantFilter } from '../../store/ports/index.js';

export type { GrantFilter } from '../../store/ports/index.js';

/** A grant with its requests (open and decided), as the admin API shows it. */
export interface GrantWithRequests {
  readonly grant: Grant;
  readonly requests: readonly GrantRequest[];
}

/** Grants, newest first, each with its requests. */
export async function listGrantsWithRequests(stores: Pick<AdminStores, 'grants'>, filter: GrantFilter): Promise<GrantWithRequests[]> {
  const grants = await stores.grants.listGrants(filter);
  return Promise.all(grants.map(async (grant) => ({ grant, requests: await stores.grants.requestsFor(grant.id) })));
}

/** Grant `id` with its requests; 404 when there is none. */
export async function readGrant(stores: Pick<AdminStores, 'grants'>, id: string): Promise<GrantWithRequests> {
  const grant = await stores.grants.getGrant(id);
  if (grant === null) throw new Problem(404, 'not_found');
  return { grant, requests: await stores.grants.requestsFor(grant.id) };
}

/** Changes to grants waiting for a second privacy officer. */
export function openGrantRequests(stores: Pick<AdminStores, 'grants'>): Promise<GrantRequest[]> {
  return stores.grants.pendingGrantRequests();
}
