/** `viewer_views`: what an officer opened in the viewer, so a leaked copy can be traced to its view. */

export interface ViewerView {
  readonly viewId: string;
  readonly at: number;
  readonly officerId: string;
  readonly agencyId: string;
  readonly purposeId: string;
  readonly grantId: string;
  readonly recordType: string;
  /** The delivery the view opened (its entry in `disclosures` names the persons, hashed). */
  readonly disclosureId: string;
  /** Index of the view's entry in the tamper-evident log. */
  readonly logIndex: number;
}

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
});

export async function insertView(db: D1Database, v: ViewerView): Promise<void> {
  await db
    .prepare('INSERT INTO viewer_views (view_id, at, officer_id, agency_id, purpose_id, grant_id, record_type, disclosure_id, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(v.viewId, v.at, v.officerId, v.agencyId, v.purposeId, v.grantId, v.recordType, v.disclosureId, v.logIndex)
    .run();
}

export async function getView(db: D1Database, viewId: string): Promise<ViewerView | null> {
  const r = await db.prepare('SELECT * FROM viewer_views WHERE view_id = ?').bind(viewId).first<Raw>();
  return r === null ? null : toView(r);
}
