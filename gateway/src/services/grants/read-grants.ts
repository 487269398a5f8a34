import type { Grant, GrantRequest, GrantStatus } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { getGrant, listGrants, pendingRequests, requestsFor } from '../../store/d1/grants.js';

/** A grant with its requests (open and decided), as the admin API shows it. */
export interface GrantWithRequests {
  readonly grant: Grant;
  readonly requests: readonly GrantRequest[];
}

/** Which grants to list. */
export interface GrantFilter {
  readonly purposeId?: string;
  readonly agencyId?: string;
  readonly status?: GrantStatus;
}

/** Grants, newest first, each with its requests. */
export async function listGrantsWithRequests(db: D1Database, filter: GrantFilter): Promise<GrantWithRequests[]> {
  const grants = await listGrants(db, filter);
  return Promise.all(grants.map(async (grant) => ({ grant, requests: await requestsFor(db, grant.id) })));
}

/** Grant `id` with its requests; 404 when there is none. */
export async function readGrant(db: D1Database, id: string): Promise<GrantWithRequests> {
  const grant = await getGrant(db, id);
  if (grant === null) throw new Problem(404, 'not_found');
  return { grant, requests: await requestsFor(db, grant.id) };
}

/** Changes to grants waiting for a second privacy officer. */
export function openGrantRequests(db: D1Database): Promise<GrantRequest[]> {
  return pendingRequests(db);
}
