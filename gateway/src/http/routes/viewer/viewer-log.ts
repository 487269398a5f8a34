import { auditLog } from '../../../services/access/audit.js';
import { Problem } from '../../../platform/errors/problem.js';
import type { GatewayEnv } from '../../../platform/env.js';
import type { VerifiedAccess } from '../../middleware/access-token.js';
import { getView, type ViewerView } from '../../../store/d1/viewer-views.js';

/** What happened in an officer's viewer, as the tamper-evident log records it (no personal data). */
export type ViewerEvent =
  | { readonly event: 'view'; readonly view: string; readonly disclosure: string; readonly record_type: string; readonly epoch: number }
  | { readonly event: 'view_refused'; readonly disclosure: string; readonly epoch: number; readonly reason: 'key_destroyed' }
  | { readonly event: 'blocked'; readonly view: string; readonly counts: Readonly<Record<string, number>> }
  | { readonly event: 'reveal'; readonly view: string; readonly media: string; readonly reason_hash: string };

/** Appends a viewer event for the calling officer; returns its index in the log. Fail-closed: throws if not written. */
export async function logViewerEvent(env: GatewayEnv, access: VerifiedAccess, at: number, id: string, event: ViewerEvent): Promise<number> {
  const grant = access.grant;
  if (grant === undefined) throw new Error('record access middleware did not run');
  const { first } = await auditLog(env).append([{ kind: 'viewer', id, at, officer: access.clientId, agency: access.agencyId, purpose: grant.purposeId, grant: grant.id, ...event }]);
  return first;
}

/** The caller's own view `viewId`; anyone else's view, or none, is the same 404. */
export async function ownView(db: D1Database, access: VerifiedAccess, viewId: string): Promise<ViewerView> {
  const view = await getView(db, viewId);
  if (view === null || view.officerId !== access.clientId || view.grantId !== access.grant?.id) throw new Problem(404, 'not_found', 'No such view.');
  return view;
}

/** Refuses callers that are not officers: the viewer's routes are for people, not systems. */
export function requireOfficer(access: VerifiedAccess): void {
  if (access.clientKind !== 'officer') throw new Problem(403, 'insufficient_scope', 'Only officers use the viewer.');
}
