import { decideRejection } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { AdminRequest, AdminStores } from '../../store/ports/index.js';
import { readRegistryRequest } from './list-requests.js';

/**
 * Rejects registry request `id` (or, by its requester, withdraws it): the policy's
 * `decideRejection` says which; nothing of the change applies. Returns the request as closed.
 */
export async function rejectRegistryRequest(
  stores: Pick<AdminStores, 'approvals' | 'changes'>,
  id: string,
  actor: string,
  reason: string,
  now: number,
): Promise<AdminRequest> {
  const request = await readRegistryRequest(stores, id);
  const decision = decideRejection(request, actor);
  if (decision.kind === 'refuse') throw new Problem(409, decision.code, decision.reason);
  const { status } = decision;
  const outcome = await stores.changes.commit([{ op: 'admin_request.close', closing: { id: request.id, status, by: actor, at: now } }], {
    at: now,
    actor,
    action: `${request.kind}.${status === 'withdrawn' ? 'withdraw' : 'reject'}`,
    targetType: request.kind === 'purpose.update' ? 'purpose' : 'client',
    targetId: request.targetId,
    detail: { request: request.id, reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict');
  return readRegistryRequest(stores, id);
}
