import { Problem } from '../../platform/errors/problem.js';
import { newId } from '../../platform/lib/random.js';
import type { AdminRequest, AdminRequestKind, AdminStores } from '../../store/ports/index.js';

/**
 * Opens a request for a registry change that widens access (a new client or officer, new keys or an
 * enrolment code, a re-activation, a widened purpose) and records it: the change waits for a second
 * privacy officer (`approve-request.ts`). Fails with 409 when a request of the same kind is already
 * open for the target (decide that one first).
 */
export async function openAdminRequest(
  stores: Pick<AdminStores, 'changes'>,
  kind: AdminRequestKind,
  targetType: string,
  targetId: string,
  payload: AdminRequest['payload'],
  actor: string,
  reason: string,
  now: number,
): Promise<string> {
  const id = newId('areq');
  const request: AdminRequest = {
    id,
    kind,
    targetId,
    payload,
    requestedBy: actor,
    requestedAt: now,
    reason,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
  };
  const outcome = await stores.changes.commit([{ op: 'admin_request.insert', request }], {
    at: now,
    actor,
    action: `${kind}.request`,
    targetType,
    targetId,
    detail: { request: id, reason, ...(kind === 'purpose.update' ? { widenings: payload.widenings } : {}) },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'A request of this kind is already waiting for approval for this target.');
  return id;
}
