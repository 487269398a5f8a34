/** `viewer_views`: what an officer opened in the viewer, so a leaked copy can be traced to its view. */

import type { ViewerView } from '../ports/viewer.js';

/** One view an officer opened (declared with the viewer's port). */
export type { ViewerView } from '../ports/viewer.js';

interface Raw {
  view_id: string;
  at: number;
  officer_id: string;
  agency_id: string;
  purpose_id: string;
  grant_id: string;
  record_type: string;
  disclosure_id: string;
  log_index: number;
  hidden_since?: number | null;
}

const toView = (r: Raw): ViewerView => ({
  viewId: r.view_id,
  at: r.at,
  officerId: r.officer_id,
  agencyId: r.agency_id,
  purposeId: r.purpose_id,
  grantId: r.grant_id,
  recordType: r.record_type,
  disclosureId: r.disclosure_id,
  logIndex: r.log_index,
  hiddenSince: r.hidden_since ?? null,
});

export async function insertView(db: D1Database, v: ViewerView): Promise<void> {
  await db
    .prepare(
      'INSERT INTO viewer_views (view_id, at, officer_id, agency_id, purpose_id, grant_id, record_type, disclosure_id, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(v.viewId, v.at, v.officerId, v.agencyId, v.purposeId, v.grantId, v.recordType, v.disclosureId, v.logIndex)
    .run();
}

export async function getView(db: D1Database, viewId: string): Promise<ViewerView | null> {
  const r = await db.prepare('SELECT * FROM viewer_views WHERE view_id = ?').bind(viewId).first<Raw>();
  return r === null ? null : toView(r);
}

/** Marks view `viewId` hidden since `at`, unless it already is (the first moment counts). */
export async function markViewHidden(db: D1Database, viewId: string, at: number): Promise<number> {
  await db.prepare('UPDATE viewer_views SET hidden_since = ? WHERE view_id = ? AND hidden_since IS NULL').bind(at, viewId).run();
  const r = await db.prepare('SELECT hidden_since FROM viewer_views WHERE view_id = ?').bind(viewId).first<{ hidden_since: number | null }>();
  return r?.hidden_since ?? at;
}

/**
 * Takes the hide of view `viewId` that began at `hiddenSince`: clears it only if it is still that
 * one, so two returns racing for one hide log one interval. Whether this call took it.
 */
export async function takeViewReturn(db: D1Database, viewId: string, hiddenSince: number): Promise<boolean> {
  const r = await db.prepare('UPDATE viewer_views SET hidden_since = NULL WHERE view_id = ? AND hidden_since = ?').bind(viewId, hiddenSince).run();
  return (r.meta.changes ?? 0) > 0;
}
