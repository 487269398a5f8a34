import { viewReturn } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { Stores } from '../../store/ports/index.js';
import type { RecordAccess } from '../access/access.js';
import { logViewerEvent, ownView } from './viewer-log.js';

/**
 * The viewer's window left the front during view `viewId`: the gateway notes when, by its own clock
 * (the first moment counts if told twice). A return within the stated time is then the same view.
 */
export async function hideView(stores: Pick<Stores, 'viewer'>, access: RecordAccess, now: number, viewId: string): Promise<number> {
  await ownView(stores, access, viewId);
  return stores.viewer.markHidden(viewId, now);
}

/** A return taken as the same view: its hidden interval is on the log at `logIndex`. */
export interface SameViewReturn {
  readonly logIndex: number;
  readonly hiddenFrom: number;
  readonly hiddenTo: number;
}

/**
 * The viewer is back in front, showing delivery `disclosureId` of view `viewId` again. The same view
 * only as `viewReturn` decides (the caller's own view of that delivery, hidden no longer than the
 * stated time by the gateway's clock): then the hidden interval is logged with the view and no new
 * view is opened. Otherwise 409 `view_not_resumable`: the viewer opens a new (logged) view.
 */
export async function returnToView(
  stores: Pick<Stores, 'viewer' | 'auditLog'>,
  access: RecordAccess,
  now: number,
  viewId: string,
  disclosureId: string,
): Promise<SameViewReturn> {
  const view = await ownView(stores, access, viewId);
  const decision = viewReturn(
    { officerId: view.officerId, grantId: view.grantId, disclosureId: view.disclosureId, hiddenSince: view.hiddenSince ?? null },
    { officerId: access.clientId, grantId: access.grant.id, disclosureId },
    now,
  );
  if (!decision.same)
    throw new Problem(409, 'view_not_resumable', 'This return is not the same view; open the record again (a new view).', {
      extensions: { reason: decision.reason },
    });
  // Two returns racing for one hide: one takes it, the other is a new view.
  if (!(await stores.viewer.takeReturn(viewId, decision.hiddenFrom)))
    throw new Problem(409, 'view_not_resumable', 'This return is not the same view; open the record again (a new view).', {
      extensions: { reason: 'not_hidden' },
    });
  const logIndex = await logViewerEvent(stores, access, now, crypto.randomUUID(), {
    event: 'return',
    view: viewId,
    hidden_from: decision.hiddenFrom,
    hidden_to: decision.hiddenTo,
  });
  return { logIndex, hiddenFrom: decision.hiddenFrom, hiddenTo: decision.hiddenTo };
}
