import { viewerEntry, type ViewerEvent as LoggedViewerEvent } from '@need2know/audit';
import { Problem } from '../../platform/errors/problem.js';
import type { Stores, ViewerView } from '../../store/ports/index.js';
import type { RecordAccess } from '../access/access.js';

/** What happened in an officer's viewer, as the tamper-evident log records it (no personal data; FORMAT.md of `@need2know/audit`, `viewer`). */
export type ViewerEvent = LoggedViewerEvent;

/** Appends a viewer event for the calling officer; returns its index in the log. Fail-closed: throws if not written. */
export async function logViewerEvent(stores: Pick<Stores, 'auditLog'>, access: RecordAccess, at: number, id: string, event: ViewerEvent): Promise<number> {
  const { grant } = access;
  const { first } = await stores.auditLog.append([
    viewerEntry({ id, at, officer: access.clientId, agency: access.agencyId, purpose: grant.purposeId, grant: grant.id }, event),
  ]);
  return first;
}

/** The caller's own view `viewId` under its grant; anyone else's view, or none, is the same 404. */
export async function ownView(stores: Pick<Stores, 'viewer'>, access: RecordAccess, viewId: string): Promise<ViewerView> {
  const view = await stores.viewer.view(viewId);
  if (view === null || view.officerId !== access.clientId || view.grantId !== access.grant.id) throw new Problem(404, 'not_found', 'No such view.');
  return view;
}

/** Refuses callers that are not officers: the viewer's blocked-action and reveal routes are for people, not systems. */
export function requireOfficer(access: RecordAccess): void {
  if (access.clientKind !== 'officer') throw new Problem(403, 'insufficient_scope', 'Only officers use the viewer.');
}
