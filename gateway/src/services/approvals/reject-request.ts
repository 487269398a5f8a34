import { decideRejection } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { commitChange } from '../../store/d1/admin-events.js';
import { closeAdminRequest, type AdminRequest } from '../../store/d1/admin-requests.js';
import { readRegistryRequest } from './list-requests.js';

/**
 * Rejects registry request `id` (or, by its requester, withdraws it): the policy's
 * `decideRejection` says which; nothing of the change applies. Returns the request as closed.
 */
export async function rejectRegistryRequest(db: D1Database, id: string, actor: string, reason: string, now: number): Promise<AdminRequest> {
  const request = await readRegistryRequest(db, id);
  const decision = decideRejection(request, actor);
  if (decision.kind === 'refuse') throw new Problem(409, decision.code, decision.reason);
  const { status } = decision;
  const outcome = await commitChange(db, [closeAdminRequest(db, request.id, status, actor, now)], {
    at: now,
    actor,
    action: `${request.kind}.${status === 'withdrawn' ? 'withdraw' : 'reject'}`,
    targetType: request.kind === 'purpose.update' ? 'purpose' : 'client',
    targetId: request.targetId,
    detail: { request: request.id, reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict');
  return readRegistryRequest(db, id);
}
