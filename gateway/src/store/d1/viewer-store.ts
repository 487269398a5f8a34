import type { ViewerStore } from '../ports/viewer.js';
import { deliveredRecordType } from './disclosures.js';
import { insertReveal } from './viewer-reveals.js';
import { getView, insertView, markViewHidden, takeViewReturn } from './viewer-views.js';

/** The viewer's views and reveals over one D1 database (`viewer_views`, `viewer_reveals`, the `disclosures` index). */
export function d1ViewerStore(db: D1Database): ViewerStore {
  return {
    deliveredRecordType: (disclosureId, clientId, grantId) => deliveredRecordType(db, disclosureId, clientId, grantId),
    addView: (view) => insertView(db, view),
    view: (viewId) => getView(db, viewId),
    markHidden: (viewId, at) => markViewHidden(db, viewId, at),
    takeReturn: (viewId, hiddenSince) => takeViewReturn(db, viewId, hiddenSince),
    addReveal: (reveal) => insertReveal(db, reveal),
  };
}
