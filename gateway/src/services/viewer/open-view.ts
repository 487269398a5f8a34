import { randomToken } from '../../platform/lib/random.js';
import type { Stores } from '../../store/ports/index.js';
import type { RecordAccess } from '../access/access.js';
import { flushDisclosureIndex } from '../access/audit.js';
import { recipientKey } from '../access/deliver.js';
import { releaseViewerKey, sealViewerKeyTo, viewerKeyId } from '../delivery/viewer-seal.js';
import { logViewerEvent } from './viewer-log.js';

/** Random bits in a view id: what the trace mark carries. */
export const VIEW_ID_BYTES = 8;

/** What the viewer asks to open: a delivery it holds, sealed under the viewer key of `epoch`. */
export interface ViewRequest {
  readonly disclosureId: string;
  readonly epoch: number;
}

/** A view on the log with the viewer key sealed to the caller, or why there is none. */
export type OpenedView =
  | { readonly ok: true; readonly viewId: string; readonly kid: string; readonly destroyAt: number; readonly sealedKey: string }
  /** `not_held`: no such delivery to this client under this grant; `key_destroyed`: the window or data life is over (logged). */
  | { readonly ok: false; readonly reason: 'not_held' | 'key_destroyed' };

/**
 * Opens a held delivery in the viewer: only a delivery this client received under this grant, and
 * only while the grant's viewer key for `epoch` exists. Each opening is a logged view with its own
 * view id (the trace mark), on the log before the key leaves; a refusal for a destroyed key is
 * logged too.
 */
export async function openView(
  stores: Pick<Stores, 'viewer' | 'auditLog' | 'grantKeys'>,
  access: RecordAccess,
  now: number,
  request: ViewRequest,
): Promise<OpenedView> {
  const { grant } = access;
  const recipient = recipientKey(access);
  const heldDelivery = () => stores.viewer.deliveredRecordType(request.disclosureId, access.clientId, grant.id);
  // The disclosure index trails the log by moments: a delivery made just now is found once it is flushed.
  const held = (await heldDelivery()) ?? (await flushDisclosureIndex(stores).then(heldDelivery));
  if (held === null) return { ok: false, reason: 'not_held' };
  const released = await releaseViewerKey(stores, grant.id, request.epoch, now);
  if (released === null) {
    await logViewerEvent(stores, access, now, crypto.randomUUID(), {
      event: 'view_refused',
      disclosure: request.disclosureId,
      epoch: request.epoch,
      reason: 'key_destroyed',
    });
    return { ok: false, reason: 'key_destroyed' };
  }
  const viewId = randomToken(VIEW_ID_BYTES);
  const logIndex = await logViewerEvent(stores, access, now, viewId, {
    event: 'view',
    view: viewId,
    disclosure: request.disclosureId,
    record_type: held,
    epoch: request.epoch,
  });
  await stores.viewer.addView({
    viewId,
    at: now,
    officerId: access.clientId,
    agencyId: access.agencyId,
    purposeId: grant.purposeId,
    grantId: grant.id,
    recordType: held,
    disclosureId: request.disclosureId,
    logIndex,
  });
  const kid = viewerKeyId(grant.id, request.epoch);
  return { ok: true, viewId, kid, destroyAt: released.destroyAt, sealedKey: await sealViewerKeyTo(recipient, kid, released.key) };
}
