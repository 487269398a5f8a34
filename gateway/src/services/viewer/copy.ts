import { mayCopyField } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { Stores } from '../../store/ports/index.js';
import type { RecordAccess } from '../access/access.js';
import { logViewerEvent, ownView } from './viewer-log.js';

/**
 * The officer copied field `field` of the record view `viewId` shows. Only a field the purpose marks
 * "may be copied" and discloses in clear now (`mayCopyField`) is logged as a copy; any other is
 * refused with 403 `copy_not_permitted` (the viewer blocks those copies itself, so a report of one is
 * a viewer out of step with its purpose, and nothing is logged as copied).
 */
export async function logCopy(stores: Pick<Stores, 'viewer' | 'auditLog'>, access: RecordAccess, now: number, viewId: string, field: string): Promise<number> {
  const view = await ownView(stores, access, viewId);
  const { purpose } = access;
  if (!mayCopyField(purpose.rules, purpose.copyable, view.recordType, field))
    throw new Problem(403, 'copy_not_permitted', 'The purpose does not let this field be copied.');
  return logViewerEvent(stores, access, now, crypto.randomUUID(), { event: 'copy', view: viewId, record_type: view.recordType, field });
}
