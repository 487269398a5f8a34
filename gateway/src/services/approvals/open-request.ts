import type { AdminRequest, AdminRequestKind, AdminStores } from '../../store/ports/index.js';
import { pendingRequest, requestAlreadyOpen } from './pending-request.js';

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
  const { request, detail } = pendingRequest(
    { idPrefix: 'areq', kind, targetId, payload, actor, reason, now },
    kind === 'purpose.update' ? payload.widenings : undefined,
  );
  const outcome = await stores.changes.commit([{ op: 'admin_request.insert', request }], {
    at: now,
    actor,
    action: `${kind}.request`,
    targetType,
    targetId,
    detail,
  });
  if (!outcome.ok) throw requestAlreadyOpen();
  return request.id;
}
